package io.bulwark.policy.ratelimit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.ratelimit.redis.RedisStore;
import io.bulwark.policy.testing.RedisServer;
import io.bulwark.policy.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Redis store against a real Redis: the shared one (see {@link TestRedis}), or one of its own. */
class RedisStoreTest {

  /** Records what the store reports, as the engine's audit would. */
  static final class Events implements StoreListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void unavailable(StoreSettings store, Throwable cause) {
      seen.add("down");
    }

    @Override
    public void recovered(StoreSettings store, long requests) {
      seen.add("up after " + requests);
    }
  }

  static StoreSettings settings(String url, StoreSettings.OnUnavailable onUnavailable, String prefix) {
    return StoreSettings.redis(URI.create(url), null, null, Duration.ofMillis(500), onUnavailable, 1000, prefix);
  }

  private static String prefix() {
    return "bulwark-test:" + UUID.randomUUID() + ":";
  }

  @Test
  void twoStoresOnOneRedisShareOneBudget() {
    StoreSettings settings = settings(TestRedis.url(), StoreSettings.OnUnavailable.ALLOW, prefix());
    RateLimit limit = Limits.of("api", LimitKey.ROUTE, "10/1h");
    try (RedisStore first = RedisStore.open(settings, StoreListener.NONE);
        RedisStore second = RedisStore.open(settings, StoreListener.NONE)) {
      int allowed = 0;
      for (int i = 0; i < 20; i++) {
        Consumption consumption = (i % 2 == 0 ? first : second).consume(limit, "", true);
        assertFalse(consumption.unavailable(), "Redis at " + TestRedis.url() + " answers");
        allowed += consumption.allowed() ? 1 : 0;
      }
      assertEquals(10, allowed, "10/1h across both stores");
      Consumption refused = first.consume(limit, "", false);
      assertFalse(refused.allowed());
      assertArrayEquals(new long[] {0}, refused.remaining());
      assertTrue(refused.nanosToWait() > 0);
    }
  }

  @Test
  void sixtyFourThreadsOnOneKeyNeverGetMoreThanTheLimit() throws Exception {
    StoreSettings settings = settings(TestRedis.url(), StoreSettings.OnUnavailable.ALLOW, prefix());
    RateLimit limit = Limits.of("api", LimitKey.IP, "100/1h");
    try (RedisStore store = RedisStore.open(settings, StoreListener.NONE)) {
      ExecutorService pool = Executors.newFixedThreadPool(64);
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger allowed = new AtomicInteger();
      AtomicInteger unavailable = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 5; i++) {
            Consumption consumption = store.consume(limit, "203.0.113.9", false);
            allowed.addAndGet(consumption.allowed() ? 1 : 0);
            unavailable.addAndGet(consumption.unavailable() ? 1 : 0);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(0, unavailable.get(), "Redis answered every request");
      assertEquals(100, allowed.get(), "320 concurrent attempts on one key, exactly 100 allowed");
    }
  }

  @Test
  void anOutageGetsTheConfiguredAnswerIsReportedOnceAndEndsWhenRedisReturns() throws Exception {
    RateLimit limit = Limits.of("api", LimitKey.IP, "1000/1h");
    Events events = new Events();
    try (RedisServer redis = RedisServer.start();
        RedisStore store =
            RedisStore.open(settings(redis.url(), StoreSettings.OnUnavailable.ALLOW, prefix()), events)) {
      assertTrue(store.consume(limit, "k", false).allowed());

      redis.stop();
      for (int i = 0; i < 5; i++) {
        assertSame(Consumption.UNAVAILABLE, store.consume(limit, "k", false), "request " + i + " during the outage");
      }
      assertEquals(List.of("down"), events.seen, "one report per outage");
      assertFalse(store.available());

      redis.startAgain();
      Consumption after = awaitAnswer(store, limit);
      assertTrue(after.allowed(), "the limiter counts again once Redis is back");
      assertTrue(store.available());
      assertEquals(2, events.seen.size(), events.seen.toString());
      assertTrue(events.seen.get(1).startsWith("up after "), events.seen.toString());
    }
  }

  @Test
  void aRedisThatIsDownFromTheStartCountsLocallyWithOnUnavailableLocal() throws InterruptedException {
    RateLimit limit = Limits.of("api", LimitKey.IP, "2/1h");
    Events events = new Events();
    try (RedisServer redis = RedisServer.start()) {
      String url = redis.url();
      redis.stop();
      try (RedisStore store = RedisStore.open(settings(url, StoreSettings.OnUnavailable.LOCAL, prefix()), events)) {
        // The refusal of the connection open() starts arrives (in milliseconds on loopback) before
        // the first request asks: that request still finds the outage unreported and reports it.
        Thread.sleep(300);
        assertTrue(store.consume(limit, "k", false).allowed());
        assertTrue(store.consume(limit, "k", false).allowed());
        Consumption third = store.consume(limit, "k", false);
        assertFalse(third.unavailable(), "counted by this JVM's own buckets");
        assertFalse(third.allowed(), "the limit still holds, per JVM");
        assertEquals(List.of("down"), events.seen, "reported once, also when the refusal came before any request");
      }
    }
  }

  private static Consumption awaitAnswer(RedisStore store, RateLimit limit) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Consumption consumption = store.consume(limit, "k", false);
    while (consumption.unavailable() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      consumption = store.consume(limit, "k", false);
    }
    return consumption;
  }
}
