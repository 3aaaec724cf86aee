package io.bulwark.policy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.bulwark.bridge.AgentLog;
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

  private final Cache<String, Entry> buckets;
  private final long maxBuckets;
  private final AtomicBoolean evictionReported = new AtomicBoolean();

  public LocalStore(long maxBuckets) {
    this.maxBuckets = maxBuckets;
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxBuckets)
        .expireAfter(new IdleForLongestWindow())
        // Maintenance runs on the request threads that cause it: no pool of the application's.
        .executor(Runnable::run)
        .removalListener((String key, Entry entry, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE && evictionReported.compareAndSet(false, true)) {
            AgentLog.warn("rate limits: more than " + this.maxBuckets + " keys are live; the least active are"
                + " forgotten and start again with a full budget (raise rateLimitStore.maxBuckets)");
          }
        })
        .build();
  }

  public long maxBuckets() {
    return maxBuckets;
  }

  /** Buckets held now (for tests and measurements). */
  public long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  @Override
  public Consumption consume(RateLimit limit, String key, boolean detailed) {
    Entry entry = buckets.get(limit.bucketPrefix() + key, ignored -> new Entry(limit));
    LocalBucket bucket = entry.bucket;
    if (detailed) {
      VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(1);
      ConsumptionProbe probe = result.getValue();
      return Consumption.counted(probe.isConsumed(), probe.getNanosToWaitForRefill(),
          result.getDiagnostics().getAvailableTokensPerEachBandwidth());
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Consumption.counted(true, 0, null);
    }
    long[] remaining = bucket.asVerbose().getAvailableTokens().getDiagnostics().getAvailableTokensPerEachBandwidth();
    return Consumption.counted(false, probe.getNanosToWaitForRefill(), remaining);
  }

  @Override
  public void close() {
    buckets.invalidateAll();
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
  private static final class IdleForLongestWindow implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return entry.idleNanos;
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
      return entry.idleNanos;
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return entry.idleNanos;
    }
  }
}
