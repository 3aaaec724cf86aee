package io.bulwark.policy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.util.Lazy;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Buckets in this JVM, in a bounded cache: at most {@code maxBuckets} live at once, and a bucket
 * that has seen no request for its rule's longest window is dropped, since it is full again and a
 * new one would answer the same. When more keys are live than the maximum, the cache evicts the
 * least valuable (Caffeine's W-TinyLFU); an evicted key starts again with a full budget, which is
 * logged once so an operator can raise the maximum.
 *
 * <p>Bucket4j's lock-free buckets count concurrent requests exactly: one key never lets more
 * requests through than its limits allow, whatever the number of threads.
 */
public final class LocalStore implements RateLimitStore {

  private final Lazy<Cache<BucketKey, Entry>> buckets;
  private static final Consumption ALLOWED = Consumption.counted(true, 0, null);

  private final long maxBuckets;
  private final AtomicBoolean evictionReported = new AtomicBoolean();

  public LocalStore(long maxBuckets) {
    this.maxBuckets = maxBuckets;
    this.buckets = Lazy.of(() -> Caffeine.newBuilder()
        .maximumSize(maxBuckets)
        .expireAfter(new IdleForLongestWindow())
        // Maintenance runs on the request threads that cause it: no pool of the application's.
        .executor(Runnable::run)
        .removalListener((BucketKey key, Entry entry, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE && evictionReported.compareAndSet(false, true)) {
            AgentLog.warn("rate limits: more than " + this.maxBuckets + " keys are live; the least active are"
                + " forgotten and start again with a full budget (raise rateLimitStore.maxBuckets)");
          }
        })
        .build());
  }

  public long maxBuckets() {
    return maxBuckets;
  }

  /** Buckets held now (for tests and measurements). */
  public long size() {
    buckets.get().cleanUp();
    return buckets.get().estimatedSize();
  }

  @Override
  public Consumption consume(RateLimit limit, String key, boolean detailed) {
    Entry entry = buckets.get().get(new BucketKey(limit, key), ignored -> new Entry(limit));
    LocalBucket bucket = entry.bucket;
    if (!detailed && bucket.tryConsume(1)) {
      return ALLOWED; // the common case: no probe, no state copy
    }
    if (detailed) {
      VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(1);
      ConsumptionProbe probe = result.getValue();
      return Consumption.counted(probe.isConsumed(), probe.getNanosToWaitForRefill(),
          result.getDiagnostics().getAvailableTokensPerEachBandwidth());
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return ALLOWED; // room came back between the two calls
    }
    long[] remaining = bucket.asVerbose().getAvailableTokens().getDiagnostics().getAvailableTokensPerEachBandwidth();
    return Consumption.counted(false, probe.getNanosToWaitForRefill(), remaining);
  }

  @Override
  public void close() {
    buckets.get().invalidateAll();
  }

  /**
   * A bucket's name: the rule's limits and the key's value, compared without building a string
   * (this is on every rate-limited request).
   */
  private static final class BucketKey {
    final String prefix;
    final String key;
    final int hash;

    BucketKey(RateLimit limit, String key) {
      this.prefix = limit.bucketPrefix();
      this.key = key;
      this.hash = 31 * prefix.hashCode() + key.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof BucketKey)) {
        return false;
      }
      BucketKey that = (BucketKey) other;
      return hash == that.hash && key.equals(that.key) && prefix.equals(that.prefix);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** A key's bucket and the rule it counts for (whose longest window sets its idle expiry). */
  private static final class Entry {
    final LocalBucket bucket;
    final long idleNanos;

    Entry(RateLimit limit) {
      LocalBucketBuilder builder = Bucket.builder().withMillisecondPrecision();
      for (Bandwidth bandwidth : limit.bandwidths()) {
        builder.addLimit(bandwidth);
      }
      this.bucket = builder.build();
      this.idleNanos = limit.longestWindow().toNanos();
    }
  }

  /** Forget a bucket once it has been idle for its longest window: by then it is full again. */
  private static final class IdleForLongestWindow implements Expiry<BucketKey, Entry> {
    @Override
    public long expireAfterCreate(BucketKey key, Entry entry, long currentTime) {
      return entry.idleNanos;
    }

    @Override
    public long expireAfterUpdate(BucketKey key, Entry entry, long currentTime, long currentDuration) {
      return entry.idleNanos;
    }

    @Override
    public long expireAfterRead(BucketKey key, Entry entry, long currentTime, long currentDuration) {
      return entry.idleNanos;
    }
  }
}
