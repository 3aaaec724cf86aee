package io.bulwark.benchmarks;

import io.bulwark.policy.ratelimit.Consumption;
import io.bulwark.policy.ratelimit.Limit;
import io.bulwark.policy.ratelimit.LimitKey;
import io.bulwark.policy.ratelimit.LocalStore;
import io.bulwark.policy.ratelimit.RateLimit;
import io.bulwark.policy.ratelimit.StoreListener;
import io.bulwark.policy.ratelimit.StoreSettings;
import io.bulwark.policy.ratelimit.redis.RedisStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One rate-limit check (a request counted against its key's bucket), as the engine makes it after
 * authentication: in the local store (1024 live keys, two limits) and in Redis on loopback
 * ({@code -Dbulwark.redis=redis://host:port}, default 127.0.0.1:6379). Sample time: JMH reports
 * the median (p0.50) and p0.99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitBenchmark {

  private static final int KEYS = 1024;

  private final String[] keys = new String[KEYS];
  private RateLimit roomy;
  private RateLimit used;
  private LocalStore local;
  private RedisStore redis;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "10.0." + (i >> 8) + "." + (i & 0xff);
    }
    // Limits that never run out (what most requests see), and one that is used up (an abusive client).
    roomy = new RateLimit("api", LimitKey.IP, null, List.of(
        new Limit(1_000_000_000L, Duration.ofDays(1), "1000000000/1d"),
        new Limit(1_000_000_000L, Duration.ofSeconds(1), "1000000000/1s")), false);
    used = new RateLimit("login", LimitKey.IP, null, List.of(new Limit(1, Duration.ofDays(1), "1/1d")), false);
    local = new LocalStore(StoreSettings.DEFAULT_MAX_BUCKETS);
    local.consume(used, keys[0], false);
    String url = System.getProperty("bulwark.redis", "redis://127.0.0.1:6379");
    redis = RedisStore.open(StoreSettings.redis(URI.create(url), null, null, Duration.ofSeconds(1),
        StoreSettings.OnUnavailable.ALLOW, 1000, "bulwark-bench:" + UUID.randomUUID() + ":"), StoreListener.NONE);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    redis.close();
  }

  @Benchmark
  public Consumption localCheck() {
    next = (next + 1) & (KEYS - 1);
    return local.consume(roomy, keys[next], false);
  }

  @Benchmark
  public Consumption localCheckRefused() {
    return local.consume(used, keys[0], false);
  }

  @Benchmark
  public Consumption redisCheck() {
    next = (next + 1) & (KEYS - 1);
    Consumption consumption = redis.consume(roomy, keys[next], false);
    if (consumption.unavailable()) {
      throw new IllegalStateException("Redis does not answer at " + System.getProperty("bulwark.redis", "redis://127.0.0.1:6379"));
    }
    return consumption;
  }
}
