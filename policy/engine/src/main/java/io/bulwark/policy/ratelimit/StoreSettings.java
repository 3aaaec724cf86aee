package io.bulwark.policy.ratelimit;

import io.bulwark.policy.auth.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code rateLimitStore:}: where buckets live (this JVM, or a Redis that several JVMs share) and
 * how to use it. Equal settings mean the running store is kept across policy reloads, with its
 * counts. Immutable.
 */
public final class StoreSettings {

  /** What a rate-limited request gets while the Redis store cannot answer. */
  public enum OnUnavailable {
    /** Let it through (fail-open): limits are not enforced until Redis answers again. */
    ALLOW,
    /** Refuse it with 503 (fail-closed). */
    DENY,
    /** Count it in this JVM's own buckets: each JVM enforces the limits alone until Redis answers. */
    LOCAL
  }

  public static final long DEFAULT_MAX_BUCKETS = 50_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
  public static final String DEFAULT_KEY_PREFIX = "bulwark:ratelimit:";

  /** Buckets in this JVM, with the default maximum. */
  public static final StoreSettings LOCAL = local(DEFAULT_MAX_BUCKETS);

  private final URI redis;
  private final String username;
  private final Secret password;
  private final Duration timeout;
  private final OnUnavailable onUnavailable;
  private final long maxBuckets;
  private final String keyPrefix;

  private StoreSettings(URI redis, String username, Secret password, Duration timeout, OnUnavailable onUnavailable,
      long maxBuckets, String keyPrefix) {
    this.redis = redis;
    this.username = username;
    this.password = password;
    this.timeout = timeout;
    this.onUnavailable = onUnavailable;
    this.maxBuckets = maxBuckets;
    this.keyPrefix = keyPrefix;
  }

  public static StoreSettings local(long maxBuckets) {
    return new StoreSettings(null, null, null, DEFAULT_TIMEOUT, OnUnavailable.ALLOW, maxBuckets, DEFAULT_KEY_PREFIX);
  }

  /**
   * A Redis store.
   *
   * @param redis {@code redis://host:port[/database]} or {@code rediss://...} (TLS), without credentials
   * @param maxBuckets the maximum of the local buckets used with {@link OnUnavailable#LOCAL}
   */
  public static StoreSettings redis(URI redis, String username, Secret password, Duration timeout,
      OnUnavailable onUnavailable, long maxBuckets, String keyPrefix) {
    return new StoreSettings(Objects.requireNonNull(redis), username, password, timeout, onUnavailable, maxBuckets,
        keyPrefix);
  }

  public boolean isLocal() {
    return redis == null;
  }

  /** The Redis server, or {@code null} for the local store. */
  public URI redis() {
    return redis;
  }

  public String username() {
    return username;
  }

  /** The Redis password's source, or {@code null}. */
  public Secret password() {
    return password;
  }

  /** How long a request waits for Redis (connecting included) before the store counts as unavailable. */
  public Duration timeout() {
    return timeout;
  }

  public OnUnavailable onUnavailable() {
    return onUnavailable;
  }

  /** Local buckets held at most (the local store, or the fallback of {@link OnUnavailable#LOCAL}). */
  public long maxBuckets() {
    return maxBuckets;
  }

  /** Prepended to every Redis key, so services sharing a Redis keep apart. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Where the store is, for logs and audit events: {@code local} or the Redis URI (no credentials). */
  public String describe() {
    return redis == null ? "local" : redis.toString();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof StoreSettings)) {
      return false;
    }
    StoreSettings that = (StoreSettings) other;
    return Objects.equals(redis, that.redis) && Objects.equals(username, that.username)
        && Objects.equals(String.valueOf(password), String.valueOf(that.password)) && timeout.equals(that.timeout)
        && onUnavailable == that.onUnavailable && maxBuckets == that.maxBuckets && keyPrefix.equals(that.keyPrefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(redis, username, String.valueOf(password), timeout, onUnavailable, maxBuckets, keyPrefix);
  }

  @Override
  public String toString() {
    return "rateLimitStore " + describe();
  }
}
