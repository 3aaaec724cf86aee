package io.bulwark.policy.ratelimit;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.ratelimit.redis.RedisStore;

/**
 * The engine's one running store. It outlives policy reloads: a reloaded policy with the same
 * {@code rateLimitStore} keeps the store and its counts; other settings open a new store and close
 * the old one. A Redis store (Lettuce, Netty) is only opened when a policy both names Redis and has
 * a rule with {@code rateLimit}, so the libraries are not even loaded otherwise.
 */
public final class Stores implements AutoCloseable {

  private final StoreListener listener;
  private StoreSettings settings;
  private volatile RateLimitStore store;

  public Stores(StoreListener listener) {
    this.listener = listener;
  }

  /** The store requests are counted in, or {@code null} when the policy limits nothing. */
  public RateLimitStore current() {
    return store;
  }

  /**
   * Makes {@code next} the settings requests are counted with ({@code null}: the policy has no rate
   * limits), keeping the running store when they are unchanged.
   */
  public synchronized void use(StoreSettings next) {
    if (next == null ? settings == null : next.equals(settings)) {
      return;
    }
    RateLimitStore previous = store;
    store = next == null ? null : open(next);
    settings = next;
    if (previous != null) {
      previous.close();
    }
  }

  private RateLimitStore open(StoreSettings next) {
    if (next.isLocal()) {
      return new LocalStore(next.maxBuckets());
    }
    try {
      return RedisStore.open(next, listener);
    } catch (RuntimeException | LinkageError e) {
      AgentLog.error("rate limits: cannot use the Redis store " + next.describe() + "; rate-limited requests get"
          + " onUnavailable: " + next.onUnavailable().name().toLowerCase(java.util.Locale.ROOT), e);
      listener.unavailable(next, e);
      return next.onUnavailable() == StoreSettings.OnUnavailable.LOCAL ? new LocalStore(next.maxBuckets())
          : new Unreachable();
    }
  }

  @Override
  public synchronized void close() {
    use(null);
  }

  /** A store that could not be opened: every request gets the configured answer. */
  private static final class Unreachable implements RateLimitStore {
    @Override
    public Consumption consume(RateLimit limit, String key, boolean detailed) {
      return Consumption.UNAVAILABLE;
    }

    @Override
    public void close() {}
  }
}
