package io.bulwark.policy.engine;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules are matched on what the application will see: the overridden method, the host, the one
 * value of a tested header, the path the container routes. When that is ambiguous, 400.
 */
class RequestMatchingTest {

  private static final String POLICY = """
      version: 1
      rules:
        - name: no-delete
          match: { path: /api/**, methods: [DELETE] }
          action: deny
        - name: admin-host
          match: { path: /**, hosts: [admin.example.com] }
          action: deny
        - name: v1
          match: { path: /api/**, headers: { X-Api-Version: "1" } }
          action: deny
        - name: api
          match: { path: /api/** }
          action: allow
      default: deny
      routing:
        methodOverride: { headers: [X-HTTP-Method-Override, X-Method-Override] }
      audit:
        events: [allow, deny]
      """;

  @TempDir
  Path dir;

  private AsyncAuditWriter writer;
  private BulwarkEngine engine;

  private void start() throws Exception {
    writer = new AsyncAuditWriter(dir.resolve("audit.jsonl"), 64);
    engine = new BulwarkEngine(PolicyLoader.parse(POLICY, "policy.yaml"), writer);
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
  }

  private List<Map<String, Object>> audit() {
    writer.close();
    return Json.lines(writer.file());
  }

  @Test
  void overriddenMethodIsMatchedAsTheMethodTheApplicationSees() throws Exception {
    start();

    assertEquals(403, engine.evaluate(FakeRequest.of("POST", "/api/orders/1")
        .header("X-HTTP-Method-Override", "delete")).status());
    assertEquals(403, engine.evaluate(FakeRequest.of("POST", "/api/orders/1")
        .header("X-Method-Override", "DELETE")).status());
    assertFalse(engine.evaluate(FakeRequest.of("POST", "/api/orders/1")).blocks());
    // Only POST may be overridden (the default): a GET keeps its method, as the application does.
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/orders/1")
        .header("X-HTTP-Method-Override", "DELETE")).blocks());

    List<Map<String, Object>> lines = audit();
    assertEquals("POST", at(lines.get(0), "http.request.method"));
    assertEquals("DELETE", at(lines.get(0), "bulwark.matched_method"));
    assertEquals("no-delete", at(lines.get(0), "event.rule"));
    assertNull(at(lines.get(2), "bulwark.matched_method"));
  }

  @Test
  void ambiguousOrInvalidOverrideIsRefusedWith400() throws Exception {
    start();

    Decision twice = engine.evaluate(FakeRequest.of("POST", "/api/x")
        .header("X-HTTP-Method-Override", "GET").header("X-HTTP-Method-Override", "DELETE"));
    Decision disagree = engine.evaluate(FakeRequest.of("POST", "/api/x")
        .header("X-HTTP-Method-Override", "GET").header("X-Method-Override", "DELETE"));
    Decision agree = engine.evaluate(FakeRequest.of("POST", "/api/x")
        .header("X-HTTP-Method-Override", "DELETE").header("X-Method-Override", "delete"));
    Decision invalid = engine.evaluate(FakeRequest.of("POST", "/api/x").header("X-HTTP-Method-Override", "DEL ETE"));

    assertEquals(400, twice.status());
    assertEquals(400, disagree.status());
    assertEquals(403, agree.status());
    assertEquals(400, invalid.status());
    assertEquals("urn:bulwark:problem:ambiguous-request", Json.object(twice.body()).get("type"));
    List<Map<String, Object>> lines = audit();
    assertEquals(List.of("method.override-ambiguous", "method.override-ambiguous", "rule.deny",
        "method.override-invalid"), lines.stream().map(l -> at(l, "event.reason")).toList());
  }

  @Test
  void hostIsMatchedWithoutCaseAndPort() throws Exception {
    start();

    for (String host : List.of("admin.example.com", "ADMIN.example.com:8443", "admin.example.com.")) {
      assertEquals(403, engine.evaluate(FakeRequest.of("GET", "/api/x").header("Host", host)).status(), host);
    }
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/x").header("Host", "www.example.com")).blocks());
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/x")).blocks(), "no Host: no host rule matches");
    Decision invalid = engine.evaluate(FakeRequest.of("GET", "/api/x").header("Host", "admin.example.com/x"));
    assertEquals(400, invalid.status());
    assertEquals("host.invalid", at(audit().get(5), "event.reason"));
  }

  @Test
  void testedHeaderSentTwiceIsRefusedAndOnceIsMatched() throws Exception {
    start();

    assertEquals(403, engine.evaluate(FakeRequest.of("GET", "/api/x").header("x-api-version", " 1 ")).status());
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/x").header("X-Api-Version", "2")).blocks());
    Decision twice = engine.evaluate(FakeRequest.of("GET", "/api/x")
        .header("X-Api-Version", "2").header("X-Api-Version", "1"));
    assertEquals(400, twice.status());
    assertEquals("header.repeated", at(audit().get(2), "event.reason"));
  }

  @Test
  void containerReadingThePathDifferentlyIsRefused() throws Exception {
    start();

    Decision same = engine.evaluate(FakeRequest.of("GET", "/api/%61dmin").containerPath("/api/admin"));
    Decision different = engine.evaluate(FakeRequest.of("GET", "/api/caf%C3%A9").containerPath("/api/caf\u00c3\u00a9"));

    assertFalse(same.blocks());
    assertEquals(400, different.status());
    Map<String, Object> problem = Json.object(different.body());
    assertEquals("urn:bulwark:problem:bad-request-path", problem.get("type"));
    assertEquals("path.container-mismatch", at(audit().get(1), "event.reason"));
  }

  @Test
  void containerThatCannotSayItsPathIsRefusedNotFailedOpen() throws Exception {
    start();

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/%2e/admin").containerPathFails());
    Decision plain = engine.evaluate(FakeRequest.of("GET", "/api/orders").containerPathFails());

    assertEquals(400, decision.status());
    assertFalse(plain.blocks(), "a plain path is not compared, so the container is not asked");
    assertEquals("path.container-mismatch", at(audit().get(0), "event.reason"));
  }
}
