package io.bulwark.policy.engine;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.Json;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits, client addresses and bans, decided by the engine as a request would be. */
class RateLimitEngineTest {

  private static final String KEY = "partner-key-0123456789";

  @TempDir
  Path dir;

  private AsyncAuditWriter writer;
  private BulwarkEngine engine;

  private BulwarkEngine engine(String yaml) throws Exception {
    writer = new AsyncAuditWriter(dir.resolve("audit.jsonl"), 8);
    engine = new BulwarkEngine(PolicyLoader.parse(yaml, "policy.yaml"), writer);
    return engine;
  }

  private List<Map<String, Object>> auditLines() {
    writer.close();
    return Json.lines(writer.file());
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
    if (writer != null) {
      writer.close();
    }
  }

  private static String policy(String rateLimit, String extra) {
    return policy(rateLimit, rateLimit, extra);
  }

  private static String policy(String keyedRateLimit, String rateLimit, String extra) {
    return """
        version: 1
        %s
        identities:
          apiKeys:
            in: header:X-API-Key
            keys:
              - { id: partner, sha256: %s }
        rules:
          - name: keyed
            match: { path: /keyed/** }
            require: { auth: [apiKey] }
            rateLimit: %s
          - name: api
            match: { path: /api/** }
            action: allow
            rateLimit: %s
        default: allow
        audit: { events: [allow, deny, monitor] }
        """.formatted(extra, PolicyLoader.sha256(KEY.getBytes(StandardCharsets.UTF_8)), keyedRateLimit, rateLimit);
  }

  @Test
  void overTheLimitIsRefusedWith429RetryAfterAndTheRateLimitHeaders() throws Exception {
    engine(policy("{ key: ip, limits: [\"3/1h\", \"100/1d\"] }", ""));
    for (int i = 0; i < 3; i++) {
      Decision allowed = engine.evaluate(FakeRequest.of("GET", "/api/orders"));
      assertFalse(allowed.blocks(), "request " + (i + 1));
      assertEquals(Map.of(), allowed.headers(), "allowed responses carry no headers unless headers: true");
    }

    Decision refused = engine.evaluate(FakeRequest.of("GET", "/api/orders"));

    assertEquals(429, refused.status());
    assertEquals("\"api-1h\";q=3;w=3600, \"api-1d\";q=100;w=86400", refused.headers().get("RateLimit-Policy"));
    String state = refused.headers().get("RateLimit");
    assertTrue(state.matches("\"api-1h\";r=0;t=\\d+, \"api-1d\";r=97;t=\\d+"), state);
    long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 3600, "" + retryAfter);
    Map<String, Object> problem = Json.object(refused.body());
    assertEquals("urn:bulwark:problem:rate-limited", problem.get("type"));
    assertEquals(429L, problem.get("status"));
    assertEquals("no-store", refused.headers().get("Cache-Control"));

    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/orders").remoteAddress("203.0.113.10")).blocks(),
        "another client has its own budget");
    Map<String, Object> denied =
        auditLines().stream().filter(l -> "deny".equals(at(l, "event.action"))).findFirst().get();
    assertEquals("ratelimit.exceeded", at(denied, "event.reason"));
    assertEquals("api", at(denied, "event.rule"));
    assertEquals(429L, at(denied, "http.response.status_code"));
    assertEquals("ip", at(denied, "bulwark.ratelimit.key"));
    assertEquals(List.of("3/1h", "100/1d"), at(denied, "bulwark.ratelimit.limits"));
  }

  @Test
  void allowedResponsesCarryTheHeadersWhenTheRuleAsks() throws Exception {
    engine(policy("{ key: route, limits: [\"5/1m\"], headers: true }", ""));

    Decision first = engine.evaluate(FakeRequest.of("GET", "/api/orders"));
    Decision second = engine.evaluate(FakeRequest.of("GET", "/api/orders").remoteAddress("198.51.100.1"));

    assertFalse(first.blocks());
    assertEquals("\"api-1m\";q=5;w=60", first.headers().get("RateLimit-Policy"));
    assertTrue(first.headers().get("RateLimit").matches("\"api-1m\";r=4;t=([1-9]|[1-5][0-9]|60)"),
        first.headers().get("RateLimit"));
    assertTrue(second.headers().get("RateLimit").startsWith("\"api-1m\";r=3;"), "route: all clients share one budget");
    assertNull(first.headers().get("Retry-After"));
  }

  @Test
  void anApiKeyHasItsBudgetWhicheverAddressItComesFrom() throws Exception {
    engine(policy("{ key: apiKey, limits: [\"2/1h\"] }", "{ key: ip, limits: [\"2/1h\"] }", ""));

    assertFalse(engine.evaluate(FakeRequest.of("GET", "/keyed/a").header("X-API-Key", KEY).remoteAddress("192.0.2.1"))
        .blocks());
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/keyed/a").header("X-API-Key", KEY).remoteAddress("192.0.2.2"))
        .blocks());
    Decision third =
        engine.evaluate(FakeRequest.of("GET", "/keyed/a").header("X-API-Key", KEY).remoteAddress("192.0.2.3"));

    assertEquals(429, third.status());
    assertEquals(401, engine.evaluate(FakeRequest.of("GET", "/keyed/a")).status(),
        "authentication comes first: no key, 401, and nothing is counted");
  }

  @Test
  void aClientThatIsNotATrustedProxyCannotChooseItsAddress() throws Exception {
    engine(policy("{ key: ip, limits: [\"2/1h\"] }", "clients: { trustedProxies: [10.0.0.0/8] }"));
    for (int i = 0; i < 2; i++) {
      assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/x").header("X-Forwarded-For", "198.51.100." + i))
          .blocks());
    }

    Decision spoofed = engine.evaluate(FakeRequest.of("GET", "/api/x").header("X-Forwarded-For", "198.51.100.77")
        .header("Forwarded", "for=198.51.100.78"));

    assertEquals(429, spoofed.status(), "every request counted against the socket's peer, 203.0.113.9");
    List<Map<String, Object>> lines = auditLines();
    assertTrue(lines.stream().allMatch(l -> "203.0.113.9".equals(at(l, "client.ip"))), lines.toString());
    assertTrue(lines.stream().allMatch(l -> at(l, "bulwark.peer_ip") == null));
  }

  @Test
  void behindATrustedProxyTheClientIsTheRightmostAddressThatIsNotAProxy() throws Exception {
    engine(policy("{ key: ip, limits: [\"1/1h\"] }", "clients: { trustedProxies: [10.0.0.0/8] }"));

    // The client wrote "1.2.3.4"; the outer proxy appended the client's real address; the inner one the outer's.
    Decision first = engine.evaluate(FakeRequest.of("GET", "/api/x").remoteAddress("10.0.0.2")
        .header("X-Forwarded-For", "1.2.3.4, 198.51.100.9, 10.0.0.1"));
    Decision sameClientOtherLie = engine.evaluate(FakeRequest.of("GET", "/api/x").remoteAddress("10.0.0.2")
        .header("X-Forwarded-For", "5.6.7.8, 198.51.100.9, 10.0.0.1"));

    assertFalse(first.blocks());
    assertEquals(429, sameClientOtherLie.status(), "what the client wrote left of its address does not matter");
    Map<String, Object> line = auditLines().get(0);
    assertEquals("198.51.100.9", at(line, "client.ip"));
    assertEquals("10.0.0.2", at(line, "bulwark.peer_ip"));
  }

  @Test
  void onUnavailableDenyRefusesWith503WhileRedisCannotBeReached() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    engine(policy("{ key: ip, limits: [\"100/1m\"] }",
        "rateLimitStore: { url: \"redis://127.0.0.1:" + closedPort + "\", onUnavailable: deny, timeout: 200ms }"));

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/x"));

    assertEquals(503, decision.status());
    assertEquals("urn:bulwark:problem:rate-limit-unavailable", Json.object(decision.body()).get("type"));
    assertEquals("1", decision.headers().get("Retry-After"));
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/other")).blocks(),
        "rules without a rate limit are not affected");
    List<Map<String, Object>> lines = auditLines();
    Map<String, Object> down = lines.stream().filter(l -> "ratelimit-store-down".equals(at(l, "event.action")))
        .findFirst().orElseThrow(() -> new AssertionError(lines.toString()));
    assertEquals("redis://127.0.0.1:" + closedPort, at(down, "bulwark.ratelimit.store"));
    assertEquals(1, lines.stream().filter(l -> "ratelimit-store-down".equals(at(l, "event.action"))).count());
  }

  @Test
  void monitorModeLetsTheRequestThroughAndAuditsWhatEnforceWouldHaveDone() throws Exception {
    engine(policy("{ key: ip, limits: [\"1/1h\"] }", "mode: monitor"));
    engine.evaluate(FakeRequest.of("GET", "/api/x"));

    Decision over = engine.evaluate(FakeRequest.of("GET", "/api/x"));

    assertFalse(over.blocks());
    Map<String, Object> monitor = auditLines().stream().filter(l -> "monitor".equals(at(l, "event.action")))
        .findFirst().get();
    assertEquals(429L, at(monitor, "bulwark.would_status"));
    assertEquals("ratelimit.exceeded", at(monitor, "event.reason"));
  }

  @Test
  void refusedCredentialsBanTheAddressForAWhileAndTheBanIsAudited() throws Exception {
    engine(policy("{ key: ip, limits: [\"100/1m\"] }", "bans: { authFailures: { after: 3, within: 1m, for: 10m } }"));
    assertEquals(401, engine.evaluate(FakeRequest.of("GET", "/keyed/a")).status(), "no credential: not counted");
    for (int i = 0; i < 3; i++) {
      assertEquals(401, engine.evaluate(FakeRequest.of("GET", "/keyed/a").header("X-API-Key", "guess-" + i)).status());
    }

    Decision banned = engine.evaluate(FakeRequest.of("GET", "/keyed/a").header("X-API-Key", KEY));

    assertEquals(429, banned.status(), "even with the right key, until the ban ends");
    assertEquals("urn:bulwark:problem:client-banned", Json.object(banned.body()).get("type"));
    long retryAfter = Long.parseLong(banned.headers().get("Retry-After"));
    assertTrue(retryAfter > 590 && retryAfter <= 601, "" + retryAfter);
    assertEquals(429, engine.evaluate(FakeRequest.of("GET", "/api/anything")).status(), "on every route");
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/keyed/a").header("X-API-Key", KEY).remoteAddress("192.0.2.50"))
        .blocks(), "other clients are not affected");
    List<Map<String, Object>> bans = auditLines().stream().filter(l -> "ban".equals(at(l, "event.action"))).toList();
    assertEquals(1, bans.size());
    assertEquals("ban.auth-failures", at(bans.get(0), "event.reason"));
    assertEquals("203.0.113.9", at(bans.get(0), "client.ip"));
    assertTrue(String.valueOf(at(bans.get(0), "message")).contains("after 3 authentication failures within 60s"));
    assertTrue(String.valueOf(at(bans.get(0), "bulwark.ban.until")).endsWith("Z"));
  }

  @Test
  void refusedRequestsOfAnAuthenticatedClientBanThePrincipal() throws Exception {
    engine("""
        version: 1
        identities:
          apiKeys:
            in: header:X-API-Key
            keys: [{ id: partner, sha256: %s }]
        rules:
          - name: admin
            match: { path: /admin/** }
            require: { auth: [apiKey], roles: [admin] }
          - name: api
            match: { path: /api/** }
            require: { auth: [apiKey] }
        default: deny
        bans: { blocked: { after: 2, within: 1m, for: 1m } }
        """.formatted(PolicyLoader.sha256(KEY.getBytes(StandardCharsets.UTF_8))));
    assertEquals(403, engine.evaluate(FakeRequest.of("GET", "/admin/x").header("X-API-Key", KEY)).status());
    assertEquals(403, engine.evaluate(FakeRequest.of("GET", "/admin/y").header("X-API-Key", KEY)
        .remoteAddress("192.0.2.7")).status());

    Decision banned =
        engine.evaluate(FakeRequest.of("GET", "/api/orders").header("X-API-Key", KEY).remoteAddress("192.0.2.8"));

    assertEquals(429, banned.status(), "the principal is banned, from any address");
    assertEquals(401, engine.evaluate(FakeRequest.of("GET", "/api/orders").remoteAddress("192.0.2.8")).status(),
        "the address itself is not banned: without the key the request is only unauthenticated");
  }
}
