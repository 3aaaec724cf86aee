package io.bulwark.policy.ratelimit.redis;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.ratelimit.Consumption;
import io.bulwark.policy.ratelimit.LocalStore;
import io.bulwark.policy.ratelimit.RateLimit;
import io.bulwark.policy.ratelimit.RateLimitStore;
import io.bulwark.policy.ratelimit.StoreListener;
import io.bulwark.policy.ratelimit.StoreSettings;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.bulwark.policy.util.Lazy;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buckets in Redis, shared by every JVM that uses the same Redis and key prefix: Bucket4j's
 * compare-and-swap over Lettuce, so concurrent requests from several JVMs are counted exactly.
 * Keys expire once their bucket would be full again.
 *
 * <p>No request waits longer than {@code timeout} for Redis. While Redis cannot answer (not
 * reachable, too slow, refusing), requests get the policy's {@code onUnavailable} answer: through,
 * refused, or counted in this JVM; the store is not asked again for a second after a failure, so an
 * outage costs requests nothing. Lettuce reconnects by itself (every second at most); an outage and
 * its end are reported to the {@link StoreListener} once each.
 *
 * <p>Lettuce and Netty run on two daemon threads named {@code bulwark-redis-*}, and log through
 * {@link LibraryLog}, never the application's logging.
 */
public final class RedisStore implements RateLimitStore {

  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final StoreSettings settings;
  private final StoreListener listener;
  private final LocalStore fallback;
  private final long timeoutNanos;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final Object connectLock = new Object();
  private volatile CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connecting;
  private volatile ProxyManager<byte[]> buckets;
  private volatile long connectAgainAt;
  private volatile long skipUntil;
  private volatile boolean closed;
  private final Lazy<Cache<String, BucketProxy>> proxies;
  private volatile long downSince;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong whileDown = new AtomicLong();

  private RedisStore(StoreSettings settings, StoreListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.fallback = settings.onUnavailable() == StoreSettings.OnUnavailable.LOCAL
        ? new LocalStore(settings.maxBuckets()) : null;
    this.timeoutNanos = settings.timeout().toNanos();
    this.proxies = Lazy.of(() -> Caffeine.newBuilder().maximumSize(settings.maxBuckets())
        .expireAfterAccess(Duration.ofMinutes(1))
        .executor(Runnable::run).build());
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(1)
        .computationThreadPoolSize(1)
        .threadFactoryProvider(RedisStore::threads)
        .commandLatencyRecorder(CommandLatencyRecorder.disabled())
        .commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled())
        // Host names resolved by the JVM, like the application's own connections (not Netty's DNS client).
        .addressResolverGroup(DefaultAddressResolverGroup.INSTANCE)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    this.uri = uri(settings);
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Fail at once while disconnected rather than queueing: the request gets its answer now.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
        .build());
  }

  /** Creates the client and starts connecting; the first requests wait for the connection up to the timeout. */
  public static RedisStore open(StoreSettings settings, StoreListener listener) {
    Libraries.prepare();
    RedisStore store = new RedisStore(settings, listener);
    store.connect(System.nanoTime());
    return store;
  }

  @Override
  public Consumption consume(RateLimit limit, String key, boolean detailed) {
    long now = System.nanoTime();
    if (!closed && now - skipUntil >= 0) {
      ProxyManager<byte[]> manager = manager(now);
      if (manager != null) {
        try {
          VerboseResult<ConsumptionProbe> result =
              proxy(manager, limit, key).asVerbose().tryConsumeAndReturnRemaining(1);
          answered(now);
          ConsumptionProbe probe = result.getValue();
          return Consumption.counted(probe.isConsumed(), probe.getNanosToWaitForRefill(),
              result.getDiagnostics().getAvailableTokensPerEachBandwidth());
        } catch (RuntimeException e) {
          failed(e, now);
        }
      }
    }
    if (down.get()) {
      whileDown.incrementAndGet();
    }
    return fallback != null ? fallback.consume(limit, key, detailed) : Consumption.UNAVAILABLE;
  }

  /**
   * The key's bucket proxy, one per key in this JVM: concurrent requests for a key are batched into
   * one compare-and-swap (Bucket4j's batching), instead of racing each other's swaps to a timeout.
   * Proxies hold no counts; forgetting one loses nothing.
   */
  private BucketProxy proxy(ProxyManager<byte[]> manager, RateLimit limit, String key) {
    String name = settings.keyPrefix() + limit.bucketPrefix() + key;
    return proxies.get().get(name, ignored -> manager.builder().withOptimization(Optimizations.batching())
        .build(name.getBytes(StandardCharsets.UTF_8), limit::configuration));
  }

  /** The buckets once connected; else waits up to the timeout for the connection attempt. */
  private ProxyManager<byte[]> manager(long now) {
    ProxyManager<byte[]> manager = buckets;
    if (manager != null) {
      return manager;
    }
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> attempt = connect(now);
    if (attempt == null) {
      return null; // none started (open() starts the first)
    }
    if (attempt.isCompletedExceptionally()) {
      // The last attempt failed less than a second ago, perhaps before any request asked (a refusal
      // on loopback is that quick): the first request to find it so reports the outage.
      failed(failureOf(attempt), now);
      return null;
    }
    try {
      return buckets(attempt.get(timeoutNanos, TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      failed(new TimeoutException("no connection to Redis within " + settings.timeout().toMillis() + " ms"), now);
    } catch (ExecutionException e) {
      failed(e.getCause() == null ? e : e.getCause(), now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** Why a failed connection attempt failed. */
  private static Throwable failureOf(CompletableFuture<?> attempt) {
    try {
      attempt.join();
      return new IllegalStateException("the connection attempt failed");
    } catch (CompletionException | CancellationException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  /**
   * The connection attempt in flight or done (a failed one within the pause before the next), starting
   * one if none is and the last failed long enough ago.
   */
  private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connect(long now) {
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> attempt = connecting;
    if (attempt != null && (!attempt.isCompletedExceptionally() || now - connectAgainAt < 0)) {
      return attempt;
    }
    synchronized (connectLock) {
      if (closed || connecting != attempt) {
        return connecting;
      }
      connectAgainAt = now + RETRY_NANOS;
      CompletableFuture<StatefulRedisConnection<byte[], byte[]>> next =
          client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
      next.thenAccept(this::buckets);
      connecting = next;
      return next;
    }
  }

  /** The buckets over {@code opened}, built once (by the first of the waiting request and the connector). */
  private ProxyManager<byte[]> buckets(StatefulRedisConnection<byte[], byte[]> opened) {
    synchronized (connectLock) {
      if (closed) {
        opened.closeAsync();
        return null;
      }
      if (buckets == null) {
        buckets = build(opened);
      }
      return buckets;
    }
  }

  private ProxyManager<byte[]> build(StatefulRedisConnection<byte[], byte[]> opened) {
    return Bucket4jLettuce.casBasedBuilder(opened)
        // A key lives until its bucket would be full again, plus a second: Redis holds only live keys.
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
        .requestTimeout(settings.timeout())
        .build();
  }

  /** A request that started at {@code started} was answered: an outage ends if it started after the failure. */
  private void answered(long started) {
    if (down.get() && started - downSince > 0 && down.compareAndSet(true, false)) {
      long requests = whileDown.getAndSet(0);
      AgentLog.info("rate limits: the Redis store " + settings.describe() + " answers again (" + requests
          + " request(s) got onUnavailable: " + settings.onUnavailable().name().toLowerCase(java.util.Locale.ROOT)
          + " meanwhile)");
      listener.recovered(settings, requests);
    }
  }

  private void failed(Throwable cause, long now) {
    skipUntil = now + RETRY_NANOS;
    if (!down.get() && down.compareAndSet(false, true)) {
      downSince = System.nanoTime();
      AgentLog.warn("rate limits: the Redis store " + settings.describe() + " does not answer (" + cause
          + "); rate-limited requests get onUnavailable: "
          + settings.onUnavailable().name().toLowerCase(java.util.Locale.ROOT) + " until it does");
      listener.unavailable(settings, cause);
    }
  }

  /** Whether the store answered its last request (for tests). */
  public boolean available() {
    return !down.get();
  }

  @Override
  public void close() {
    closed = true;
    proxies.get().invalidateAll();
    // Closes the connection too.
    client.shutdownAsync(0, 2, TimeUnit.SECONDS)
        .whenComplete((ignored, error) -> resources.shutdown(0, 2, TimeUnit.SECONDS));
    if (fallback != null) {
      fallback.close();
    }
  }

  private static RedisURI uri(StoreSettings settings) {
    URI redis = settings.redis();
    RedisURI.Builder builder = RedisURI.Builder.redis(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort())
        .withSsl("rediss".equalsIgnoreCase(redis.getScheme()))
        .withClientName("bulwark")
        .withTimeout(CONNECT_TIMEOUT);
    String path = redis.getPath();
    if (path != null && path.length() > 1) {
      builder.withDatabase(Integer.parseInt(path.substring(1)));
    }
    if (settings.password() != null) {
      String password = settings.password().value();
      if (password == null) {
        AgentLog.warn("rateLimitStore.password: " + settings.password() + " is not set or empty; connecting to "
            + settings.describe() + " without a password");
      } else if (settings.username() != null) {
        builder.withAuthentication(settings.username(), password.toCharArray());
      } else {
        builder.withPassword(password.toCharArray());
      }
    }
    return builder.build();
  }

  /** Daemon threads named bulwark-redis-*, holding no reference to an application class loader. */
  private static ThreadFactory threads(String pool) {
    DefaultThreadFactory netty = new DefaultThreadFactory("bulwark-redis-" + pool, true);
    return runnable -> {
      Thread thread = netty.newThread(runnable);
      thread.setContextClassLoader(RedisStore.class.getClassLoader());
      return thread;
    };
  }
}
