package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import io.bulwark.policy.testing.RedisServer;
import io.bulwark.policy.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide limits: app JVMs with the built agent sharing one real Redis, and a Redis outage
 * (a redis-server of the test's own, stopped and started again).
 */
class RedisRateLimitTest {

  private static final String POLICY = """
      version: 1
      rules:
        - name: hello
          match: { path: /api/hello }
          action: allow
          rateLimit: { key: route, limits: ["50/1m"] }
      default: allow
      rateLimitStore: { url: "%s", keyPrefix: "%s", onUnavailable: %s, timeout: 500ms }
      audit: { file: %s, events: [deny] }
      """;

  /** Lines an application's own logging would print for Lettuce, Netty or Reactor (JUL or Logback). */
  private static final Pattern LIBRARY_LOG_LINE = Pattern.compile(
      "(?im)^(?!\\[bulwark\\]).*(lettuce|netty|reactor\\.|ConnectionWatchdog|Reconnect|RedisChannelHandler).*$");

  private static Path policy(Path work, String url, String onUnavailable, Path audit) throws Exception {
    String prefix = "bulwark-it:" + UUID.randomUUID() + ":";
    return Files.writeString(work.resolve("policy.yaml"), POLICY.formatted(url, prefix, onUnavailable, audit));
  }

  @Test
  void twoAppJvmsOnOneRedisShareOneBudgetOf50PerMinute() throws Exception {
    Path work = TestPaths.workDir("redis-shared");
    Path policy = policy(work, TestRedis.url(), "allow", work.resolve("audit.jsonl"));
    try (RunningServer tomcat = RunningServer.builder(ServerKind.TOMCAT_10, 17).agentOptions("policy=" + policy)
            .workDir(Files.createDirectories(work.resolve("a"))).start();
        RunningServer jetty = RunningServer.builder(ServerKind.JETTY_12, 17).agentOptions("policy=" + policy)
            .workDir(Files.createDirectories(work.resolve("b"))).start()) {
      awaitFreshMinute();
      int[] ports = {tomcat.port(), jetty.port()};
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int port = ports[i % 2];
        statuses.add(pool.submit(() -> RawHttp.get(port, "/api/hello").status()));
      }
      int[] allowedBy = new int[2];
      int refused = 0;
      for (int i = 0; i < statuses.size(); i++) {
        int status = statuses.get(i).get(60, TimeUnit.SECONDS);
        if (status == 200) {
          allowedBy[i % 2]++;
        } else {
          assertEquals(429, status);
          refused++;
        }
      }
      pool.shutdown();
      System.out.printf("two JVMs, one Redis (%s), limit 50/1m: a burst of 100 requests spread over both:"
          + " %d allowed (Tomcat %d, Jetty %d), %d refused with 429%n", TestRedis.url(),
          allowedBy[0] + allowedBy[1], allowedBy[0], allowedBy[1], refused);
      assertEquals(50, allowedBy[0] + allowedBy[1], "exactly the budget, across both JVMs");
      assertTrue(allowedBy[0] > 0 && allowedBy[1] > 0, "both JVMs let some through");
      assertEquals(50, refused);
      for (RunningServer server : List.of(tomcat, jetty)) {
        assertFalse(LIBRARY_LOG_LINE.matcher(server.output()).find(), "no library log line:\n" + server.output());
      }
    }
  }

  @Test
  void aRedisOutageGetsTheConfiguredAnswerIsAuditedAndTheLimiterRecoversWhenRedisReturns() throws Exception {
    Path work = TestPaths.workDir("redis-outage");
    Path auditFile = work.resolve("audit.jsonl");
    Files.deleteIfExists(auditFile);
    try (RedisServer redis = RedisServer.start()) {
      Path policy = policy(work, redis.url(), "deny", auditFile);
      // Spring Boot routes java.util.logging and SLF4J into its Logback: any line of Lettuce, Netty
      // or Reactor reaching the application's logging would show in its output.
      try (RunningServer boot = RunningServer.builder(ServerKind.SPRING_BOOT, 17).agentOptions("policy=" + policy)
          .workDir(work).start()) {
        AuditFile audit = new AuditFile(auditFile);
        assertEquals(200, RawHttp.get(boot.port(), "/api/hello").status(), "Redis answers");

        redis.stop();
        RawHttp.Response during = awaitStatus(boot.port(), 503);
        assertEquals("1", during.header("Retry-After"));
        assertTrue(during.body().contains("urn:bulwark:problem:rate-limit-unavailable"), during.body());
        JsonNode down = audit.await(e -> "ratelimit-store-down".equals(e.path("event").path("action").asText()));
        assertEquals(redis.url(), down.path("bulwark").path("ratelimit").path("store").asText());
        assertFalse(down.path("error").path("type").asText().isEmpty(), down.toString());
        JsonNode denied = audit.await(e -> "ratelimit.unavailable".equals(e.path("event").path("reason").asText()));
        assertEquals(503, denied.path("http").path("response").path("status_code").asInt());

        redis.startAgain();
        awaitStatus(boot.port(), 200);
        JsonNode up = audit.await(e -> "ratelimit-store-up".equals(e.path("event").path("action").asText()));
        assertTrue(up.path("bulwark").path("ratelimit").path("requests").asLong() >= 1, up.toString());
        assertEquals(1,
            audit.events(e -> "ratelimit-store-down".equals(e.path("event").path("action").asText())).size(),
            "one outage, one event");
        System.out.println("outage audited: " + down + "\nrecovery audited: " + up);

        String output = boot.output();
        assertTrue(output.contains("[bulwark]") && output.contains("does not answer"), output);
        assertFalse(LIBRARY_LOG_LINE.matcher(output).find(), "no library line in the app's logging:\n" + output);
        assertTrue(output.contains("LOGBACK INFO BootApp - test app ready"), "the app's own logging still works");
      }
    }
  }

  private static RawHttp.Response awaitStatus(int port, int status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    RawHttp.Response response = RawHttp.get(port, "/api/hello");
    while (response.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = RawHttp.get(port, "/api/hello");
    }
    assertEquals(status, response.status(), response.toString());
    return response;
  }

  /** Windows follow the clock: start the burst early in a minute, so it falls in one window. */
  private static void awaitFreshMinute() throws InterruptedException {
    int second = Instant.now().atZone(java.time.ZoneOffset.UTC).getSecond();
    if (second > 45) {
      Thread.sleep((61 - second) * 1000L);
    }
  }
}
