package io.bulwark.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules on the route template and the handling method: decided once, where the framework has
 * routed the request; before that (a servlet entry point) the engine defers without auditing.
 */
class RouteRulesTest {

  private static final String POLICY = """
      version: 1
      rules:
        - name: admin
          match: { path: /api/admin/** }
          action: deny
        - name: user-delete
          match: { route: "/api/users/{id}", methods: [DELETE] }
          action: deny
        - name: exports
          match: { path: /api/**, operation: "UsersResource#export" }
          action: deny
        - name: users
          match: { route: [/api/users, "/api/users/{id}"] }
          action: allow
      default: deny
      audit:
        events: [allow, deny, monitor, error]
      """;

  @TempDir
  Path dir;

  private AsyncAuditWriter writer;
  private BulwarkEngine engine;

  @BeforeEach
  void start() throws Exception {
    writer = new AsyncAuditWriter(dir.resolve("audit.jsonl"), 8);
    engine = new BulwarkEngine(PolicyLoader.parse(POLICY, "policy.yaml"), writer);
  }

  @AfterEach
  void stop() {
    writer.close();
  }

  private List<Map<String, Object>> auditLines() {
    writer.close();
    return Json.lines(writer.file());
  }

  @Test
  void beforeRoutingARouteRuleDefersAndNothingIsAudited() {
    Decision decision = engine.evaluate(FakeRequest.of("DELETE", "/api/users/7"));

    assertTrue(decision.deferred(), decision::toString);
    assertFalse(decision.blocks());
    assertEquals(List.of(), auditLines());
  }

  @Test
  void rulesBeforeTheRouteRuleStillDecideAtTheEntryPoint() {
    Decision decision = engine.evaluate(FakeRequest.of("DELETE", "/api/admin/users"));

    assertTrue(decision.blocks());
    assertFalse(decision.deferred());
    assertEquals("admin", Json.at(auditLines().get(0), "event.rule"));
  }

  @Test
  void routedRequestIsDecidedByRouteAndAuditedWithRouteAndOperation() {
    Decision decision = engine.evaluate(FakeRequest.of("DELETE", "/api/users/7")
        .routed("/api/users/{userId: [0-9]+}", "com.example.UsersResource#delete"));

    assertTrue(decision.blocks());
    assertEquals(403, decision.status());
    Map<String, Object> event = auditLines().get(0);
    assertEquals("user-delete", Json.at(event, "event.rule"));
    assertEquals("/api/users/{userId: [0-9]+}", Json.at(event, "http.route"));
    assertEquals("com.example.UsersResource#delete", Json.at(event, "bulwark.operation"));
  }

  @Test
  void operationMatchesBySimpleOrFullClassName() {
    assertTrue(engine.evaluate(FakeRequest.of("GET", "/api/users/export")
        .routed("/api/users/export", "com.example.UsersResource#export")).blocks());
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/users/7")
        .routed("/api/users/{id}", "com.example.UsersResource#get")).blocks());
    // another class with a name ending the same way is not the one named
    assertTrue(engine.evaluate(FakeRequest.of("GET", "/api/other")
        .routed("/api/other", "com.example.OtherUsersResource#export")).blocks()); // by default deny
    List<Map<String, Object>> lines = auditLines();
    assertEquals(List.of("exports", "users", "default.deny"), List.of(
        Json.at(lines.get(0), "event.rule"), Json.at(lines.get(1), "event.rule"),
        Json.at(lines.get(2), "event.reason")));
  }

  @Test
  void aRequestWithoutARouteFallsThroughRouteRules() {
    Decision decision = engine.evaluate(FakeRequest.of("DELETE", "/static/app.js").routed(null, null));

    assertTrue(decision.blocks());
    Map<String, Object> event = auditLines().get(0);
    assertEquals("default.deny", Json.at(event, "event.reason"));
    assertEquals(null, Json.at(event, "http.route"));
  }

  @Test
  void policiesWithoutRouteRulesNeverDefer() throws Exception {
    engine = new BulwarkEngine(PolicyLoader.parse("""
        version: 1
        rules:
          - { name: a, match: { path: /a }, action: deny }
        default: allow
        """, "p.yaml"), writer);
    Decision decision = engine.evaluate(FakeRequest.of("DELETE", "/api/users/7"));
    assertFalse(decision.deferred());
  }
}
