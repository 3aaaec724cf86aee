package io.bulwark.policy.ratelimit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalStoreTest {

  @Test
  void aKeyGetsExactlyItsLimitThenIsRefusedWithTheTimeToWait() {
    LocalStore store = new LocalStore(1000);
    RateLimit limit = Limits.of("api", LimitKey.IP, "5/1h");
    for (int i = 0; i < 5; i++) {
      Consumption consumption = store.consume(limit, "203.0.113.9", false);
      assertTrue(consumption.allowed(), "request " + (i + 1));
      assertNull(consumption.remaining(), "not asked for");
    }
    Consumption refused = store.consume(limit, "203.0.113.9", false);

    assertFalse(refused.allowed());
    assertArrayEquals(new long[] {0}, refused.remaining(), "a refusal always says what is left");
    assertTrue(refused.nanosToWait() > 0 && refused.nanosToWait() <= TimeUnit.HOURS.toNanos(1),
        "" + refused.nanosToWait());
    assertTrue(store.consume(limit, "203.0.113.10", false).allowed(), "another key has its own budget");
  }

  @Test
  void everyLimitOfARuleHoldsAndEachReportsWhatIsLeft() {
    LocalStore store = new LocalStore(1000);
    RateLimit limit = Limits.of("api", LimitKey.IP, "100/1h", "3/1h");

    Consumption first = store.consume(limit, "k", true);
    assertArrayEquals(new long[] {99, 2}, first.remaining());
    store.consume(limit, "k", true);
    store.consume(limit, "k", true);
    Consumption fourth = store.consume(limit, "k", true);

    assertFalse(fourth.allowed(), "the 3/1h limit is used up although 100/1h is not");
    assertArrayEquals(new long[] {97, 0}, fourth.remaining(), "a refused request is not counted");
  }

  @Test
  void changedLimitsOfARuleStartFreshBuckets() {
    LocalStore store = new LocalStore(1000);
    RateLimit before = Limits.of("api", LimitKey.IP, "1/1h");
    assertTrue(store.consume(before, "k", false).allowed());
    assertFalse(store.consume(before, "k", false).allowed());

    RateLimit after = Limits.of("api", LimitKey.IP, "2/1h");

    assertTrue(store.consume(after, "k", false).allowed(), "counts made under other limits are not carried over");
  }

  @Test
  void sixtyFourThreadsOnOneKeyNeverGetMoreThanTheLimit() throws Exception {
    LocalStore store = new LocalStore(1000);
    RateLimit limit = Limits.of("api", LimitKey.ROUTE, "500/1h", "1000/1d");
    int threads = 64;
    int attemptsEach = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger allowed = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < attemptsEach; i++) {
          if (store.consume(limit, "", i % 2 == 0).allowed()) {
            allowed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertEquals(500, allowed.get(), "3200 attempts on one key, 500 allowed: not one more, not one less");
  }

  /**
   * A heap measurement, not a timing: a million distinct client addresses (a botnet, or spoofing
   * attempts) leave at most maxBuckets buckets, and the heap they hold stays near what that many
   * buckets need.
   */
  @Test
  void aMillionDistinctClientAddressesKeepTheHeapBounded() {
    int maxBuckets = 10_000;
    LocalStore store = new LocalStore(maxBuckets);
    RateLimit limit = Limits.of("api", LimitKey.IP, "100/1m", "10/1s");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = usedAfterGc(memory);
    long peakBuckets = 0;
    for (int i = 0; i < 1_000_000; i++) {
      String address = "10." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff);
      store.consume(limit, address, false);
      if (i % 100_000 == 0) {
        peakBuckets = Math.max(peakBuckets, store.size());
      }
    }
    long held = usedAfterGc(memory) - baseline;
    long buckets = store.size();
    System.out.printf("1,000,000 distinct addresses: %d buckets live (max %d), %.1f MB of heap held (%d bytes per"
        + " bucket)%n", buckets, maxBuckets, held / 1e6, held / Math.max(1, buckets));

    assertTrue(buckets <= maxBuckets && peakBuckets <= maxBuckets, buckets + " / " + peakBuckets);
    // 10,000 buckets of two limits take about 4 MB; a store that kept every address would hold 300+ MB.
    assertTrue(held < 16_000_000, "heap held by the store: " + held + " bytes");
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
