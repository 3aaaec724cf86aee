package io.bulwark.policy.engine;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.testing.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulwarkEngineTest {

  private static final String POLICY = """
      version: 1
      mode: %s
      onAgentError: %s
      default: deny
      rules:
        - name: health
          match: { path: /health, methods: [GET] }
          action: allow
        - name: admin
          match: { path: /api/admin/** }
          action: deny
        - name: api
          match: { path: /api/** }
          action: allow
      audit:
        events: [%s]
      """;

  @TempDir
  Path dir;

  private AsyncAuditWriter writer;
  private BulwarkEngine engine;

  private BulwarkEngine engine(String mode, String onAgentError, String events) throws Exception {
    return engine(PolicyLoader.parse(String.format(POLICY, mode, onAgentError, events), "policy.yaml"));
  }

  private BulwarkEngine engine(Policy policy) {
    writer = new AsyncAuditWriter(dir.resolve("audit.jsonl"), 8);
    engine = new BulwarkEngine(policy, writer);
    return engine;
  }

  /** Closes the writer, so everything recorded is in the file, and reads the lines back. */
  private List<Map<String, Object>> auditLines() {
    writer.close();
    return Json.lines(writer.file());
  }

  @AfterEach
  void closeWriter() {
    if (writer != null) {
      writer.close();
    }
  }

  @Test
  void allowedRequestProceedsWithoutAnAuditEvent() throws Exception {
    engine("enforce", "allow", "deny, monitor, error");
    FakeRequest request = FakeRequest.of("GET", "/api/orders/1");

    Decision decision = engine.evaluate(request);

    assertFalse(decision.blocks());
    assertEquals(0, decision.status());
    assertNull(decision.body());
    assertEquals(decision.requestId(), request.published.get(Bulwark.REQUEST_ID_ATTRIBUTE));
    assertEquals(List.of(), auditLines());
  }

  @Test
  void allowedRequestIsAuditedWhenTheEventsIncludeAllow() throws Exception {
    engine("enforce", "allow", "allow, deny");

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/health"));

    List<Map<String, Object>> lines = auditLines();
    assertEquals(1, lines.size());
    Map<String, Object> line = lines.get(0);
    assertEquals("allow", at(line, "event.action"));
    assertEquals("rule", at(line, "event.reason"));
    assertEquals("health", at(line, "event.rule"));
    assertEquals(decision.requestId(), at(line, "http.request.id"));
    assertNull(at(line, "http.response.status_code"));
  }

  @Test
  void deniedRequestGets403ProblemJsonWhoseRequestIdLeadsToTheAuditEvent() throws Exception {
    engine("enforce", "allow", "deny");
    FakeRequest request = FakeRequest.of("POST", "/api/admin/users");

    Decision decision = engine.evaluate(request);

    assertTrue(decision.blocks());
    assertEquals(403, decision.status());
    assertEquals(Map.of("Cache-Control", "no-store"), decision.headers());
    Map<String, Object> problem = Json.object(decision.body());
    assertEquals(List.of("type", "title", "status", "detail", "requestId"), List.copyOf(problem.keySet()));
    assertEquals("urn:bulwark:problem:access-denied", problem.get("type"));
    assertEquals("Forbidden", problem.get("title"));
    assertEquals(403L, problem.get("status"));
    assertEquals("The request was denied by the API protection policy.", problem.get("detail"));
    String requestId = decision.requestId();
    assertEquals(requestId, problem.get("requestId"));
    assertEquals(requestId, request.published.get(Bulwark.REQUEST_ID_ATTRIBUTE));

    List<Map<String, Object>> lines = auditLines();
    assertEquals(1, lines.size());
    Map<String, Object> line = lines.get(0);
    assertEquals(requestId, at(line, "http.request.id"));
    assertEquals("deny", at(line, "event.action"));
    assertEquals("rule.deny", at(line, "event.reason"));
    assertEquals("admin", at(line, "event.rule"));
    assertEquals("enforce", at(line, "event.mode"));
    assertEquals("POST", at(line, "http.request.method"));
    assertEquals(403L, at(line, "http.response.status_code"));
    assertEquals("/api/admin/users", at(line, "url.path"));
    assertEquals("203.0.113.9", at(line, "client.ip"));
    assertEquals(1L, at(line, "bulwark.seq"));
    assertTrue(at(line, "bulwark.latency_us") instanceof Long);
  }

  @Test
  void problemBodyDoesNotRevealThePolicy() throws Exception {
    engine("enforce", "allow", "deny");

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/admin/stats"));

    assertFalse(decision.body().contains("admin"), decision.body());
    assertFalse(decision.body().contains("/api"), decision.body());
  }

  @Test
  void unmatchedRequestIsDeniedByTheDefault() throws Exception {
    engine("enforce", "allow", "deny");

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/internal/metrics"));

    assertEquals(403, decision.status());
    Map<String, Object> line = auditLines().get(0);
    assertEquals("default.deny", at(line, "event.reason"));
    assertNull(at(line, "event.rule"));
  }

  @Test
  void headRequestIsDecidedByTheRuleForGet() throws Exception {
    engine("enforce", "allow", "deny");

    assertFalse(engine.evaluate(FakeRequest.of("HEAD", "/health")).blocks());
    assertEquals(403, engine.evaluate(FakeRequest.of("POST", "/health")).status());
  }

  @Test
  void encodedSpellingOfADeniedPathIsStillDenied() throws Exception {
    engine("enforce", "allow", "deny");

    for (String path : List.of("/API/Admin/users", "/api/%61dmin/users", "/api/v1/../admin/users",
        "/api;x=y/admin;jsessionid=1/users", "//api//admin/users/")) {
      assertEquals(403, engine.evaluate(FakeRequest.of("GET", path)).status(), path);
    }
  }

  @Test
  void monitorModeAllowsButAuditsWhatWouldHaveBeenBlocked() throws Exception {
    engine("monitor", "allow", "deny, monitor");
    FakeRequest request = FakeRequest.of("DELETE", "/api/admin/users/7");

    Decision decision = engine.evaluate(request);

    assertFalse(decision.blocks());
    List<Map<String, Object>> lines = auditLines();
    assertEquals(1, lines.size());
    Map<String, Object> line = lines.get(0);
    assertEquals("monitor", at(line, "event.action"));
    assertEquals("monitor", at(line, "event.mode"));
    assertEquals("rule.deny", at(line, "event.reason"));
    assertEquals("admin", at(line, "event.rule"));
    assertEquals(403L, at(line, "bulwark.would_status"));
    assertNull(at(line, "http.response.status_code"));
    assertEquals(decision.requestId(), at(line, "http.request.id"));
    assertEquals(decision.requestId(), request.published.get(Bulwark.REQUEST_ID_ATTRIBUTE));
  }

  @Test
  void monitorModeAllowsAllowedRequestsWithoutAnEvent() throws Exception {
    engine("monitor", "allow", "deny, monitor");

    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/orders")).blocks());
    assertEquals(List.of(), auditLines());
  }

  @Test
  void malformedPathIsRefusedWith400EvenWhereEverythingIsAllowed() throws Exception {
    engine(PolicyLoader.parse(
        "version: 1\ndefault: allow\nrules: [{ name: all, match: { path: /** }, action: allow }]\n", "policy.yaml"));

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/..%2fadmin"));

    assertEquals(400, decision.status());
    Map<String, Object> problem = Json.object(decision.body());
    assertEquals("urn:bulwark:problem:bad-request-path", problem.get("type"));
    assertEquals("Bad Request", problem.get("title"));
    assertEquals(400L, problem.get("status"));
    assertEquals("The request path is malformed or ambiguous (the path encodes '/', '\\' or ';').",
        problem.get("detail"));
    assertEquals(decision.requestId(), problem.get("requestId"));
    Map<String, Object> line = auditLines().get(0);
    assertEquals("deny", at(line, "event.action"));
    assertEquals("path.encoded-separator", at(line, "event.reason"));
    assertEquals(400L, at(line, "http.response.status_code"));
    assertEquals("/api/..%2fadmin", at(line, "url.path"));
    assertEquals(decision.requestId(), at(line, "http.request.id"));
  }

  @Test
  void pathWithAControlCharacterIsRefusedAndAuditedOnOneLine() throws Exception {
    engine("enforce", "allow", "deny");

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/x\r\n{\"event\":\"forged\"}"));

    assertEquals(400, decision.status());
    List<Map<String, Object>> lines = auditLines();
    assertEquals(1, lines.size());
    assertTrue(((String) at(lines.get(0), "event.reason")).startsWith("path."));
    assertEquals("path.control-character", at(lines.get(0), "event.reason"));
    assertEquals("/api/x\r\n{\"event\":\"forged\"}", at(lines.get(0), "url.path"));
  }

  @Test
  void malformedPathInMonitorModeIsAllowedAndAuditedWithTheStatusItWouldHaveGot() throws Exception {
    engine("monitor", "allow", "monitor");

    Decision decision = engine.evaluate(FakeRequest.of("GET", "/..;/admin"));

    assertFalse(decision.blocks());
    Map<String, Object> line = auditLines().get(0);
    assertEquals("monitor", at(line, "event.action"));
    assertEquals("path.ambiguous-dot-segment", at(line, "event.reason"));
    assertEquals(400L, at(line, "bulwark.would_status"));
  }

  @Test
  void failingRequestViewIsLetThroughAndAuditedOncePerCause() throws Exception {
    engine("enforce", "allow", "deny, monitor, error");
    Set<String> requestIds = new HashSet<>();

    for (int i = 0; i < 100; i++) {
      FakeRequest request = FakeRequest.withMethod(() -> {
        throw new IllegalStateException("request already recycled");
      }, "/api/admin/users");
      Decision decision = engine.evaluate(request);
      assertFalse(decision.blocks(), "fail-open by default");
      requestIds.add(decision.requestId());
    }

    assertEquals(100, requestIds.size());
    List<Map<String, Object>> lines = auditLines();
    assertEquals(1, lines.size());
    Map<String, Object> line = lines.get(0);
    assertEquals("error", at(line, "event.action"));
    assertEquals("agent.error", at(line, "event.reason"));
    assertEquals("java.lang.IllegalStateException", at(line, "error.type"));
    assertEquals("request already recycled", at(line, "error.message"));
    assertTrue(requestIds.contains((String) at(line, "http.request.id")));
    assertTrue(((String) line.get("message")).contains("onAgentError allow applies"), (String) line.get("message"));
  }

  @Test
  void failingRequestViewIsAnswered503WhenThePolicyFailsClosed() throws Exception {
    engine("enforce", "deny", "deny, monitor, error");
    FakeRequest request = FakeRequest.withMethod(() -> {
      throw new UnsupportedOperationException("no method");
    }, "/health");

    Decision decision = engine.evaluate(request);

    assertEquals(503, decision.status());
    assertEquals(Map.of("Cache-Control", "no-store"), decision.headers());
    Map<String, Object> problem = Json.object(decision.body());
    assertEquals("urn:bulwark:problem:agent-error", problem.get("type"));
    assertEquals("Service Unavailable", problem.get("title"));
    assertEquals(503L, problem.get("status"));
    assertEquals(decision.requestId(), problem.get("requestId"));
    assertFalse(decision.body().contains("UnsupportedOperationException"), "no internals in the response");
    assertFalse(decision.body().contains("no method"), "no internals in the response");
    Map<String, Object> line = auditLines().get(0);
    assertEquals("error", at(line, "event.action"));
    assertEquals(decision.requestId(), at(line, "http.request.id"));
  }

  @Test
  void failureWithoutARequestViewFollowsOnAgentError() throws Exception {
    engine("enforce", "deny", "error");
    Decision closed = engine.failure(new IllegalArgumentException("view could not be built"), null);
    engine.replace(PolicyLoader.parse(String.format(POLICY, "enforce", "allow", "error"), "policy.yaml"));
    Decision open = engine.failure(new IllegalArgumentException("view could not be built"), null);

    assertEquals(503, closed.status());
    assertEquals(32, closed.requestId().length());
    assertFalse(open.blocks());
    assertEquals(32, open.requestId().length());
  }

  @Test
  void replacedPolicyDecidesTheNextRequest() throws Exception {
    engine("enforce", "allow", "deny");
    assertEquals(403, engine.evaluate(FakeRequest.of("GET", "/api/admin/x")).status());

    engine.replace(PolicyLoader.parse("version: 1\ndefault: allow\n", "next.yaml"));

    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/admin/x")).blocks());
    assertEquals("next.yaml", engine.policy().source());
  }

  @Test
  void builtInPolicyAllowsEveryRequest() {
    engine(PolicyLoader.builtIn());

    for (String method : List.of("GET", "POST", "DELETE", "PATCH")) {
      for (String path : List.of("/", "/admin", "/api/v0/users", "/actuator/env")) {
        assertFalse(engine.evaluate(FakeRequest.of(method, path)).blocks(), method + " " + path);
      }
    }
    assertEquals(List.of(), auditLines());
  }

  @Test
  void everyRequestGetsItsOwnHexRequestId() throws Exception {
    engine("enforce", "allow", "deny");
    Set<String> ids = new HashSet<>();

    for (int i = 0; i < 1000; i++) {
      String id = engine.evaluate(FakeRequest.of("GET", "/api/x")).requestId();
      assertTrue(id.matches("[0-9a-f]{32}"), id);
      ids.add(id);
    }

    assertEquals(1000, ids.size());
  }
}
