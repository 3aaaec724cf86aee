package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Bulwark promises on every server: one shared suite, inherited by one small class per server
 * and JDK. Each test talks real HTTP to a child JVM started with -javaagent and asserts what a
 * client, the application (its invocation counters) and a reviewer (the audit file) see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerContractTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String REQUEST_ID = "[0-9a-f]{32}";

  final ServerKind kind;
  final int jdk;
  protected RunningServer server;
  protected AuditFile audit;

  protected ServerContractTest(ServerKind kind, int jdk) {
    this.kind = kind;
    this.jdk = jdk;
  }

  static String policy(Path auditFile) {
    return """
        version: 1
        mode: enforce
        rules:
          - name: admin-read
            match: { path: /api/admin/**, methods: [GET] }
            action: deny
          - name: admin
            match: { path: /api/admin/** }
            action: deny
          - name: user-delete
            match: { route: "/api/users/{id}", methods: [DELETE] }
            action: deny
          - name: user-export
            match: { path: /api/**, operation: [UsersResource#export, UsersController#export] }
            action: deny
        default: allow
        audit:
          file: %s
          events: [allow, deny, monitor, error]
        """.formatted(auditFile);
  }

  @BeforeAll
  void startServer() throws IOException {
    Path work = TestPaths.workDir(kind.name().toLowerCase() + "-jdk" + jdk);
    Path auditFile = work.resolve("audit.jsonl");
    Path policy = Files.writeString(work.resolve("policy.yaml"), policy(auditFile));
    server = RunningServer.builder(kind, jdk).agentOptions("policy=" + policy).workDir(work).start();
    audit = new AuditFile(auditFile);
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  protected Map<String, Long> counts() {
    RawHttp.Response response = RawHttp.get(server.port(), "/__counts");
    assertEquals(200, response.status(), response::toString);
    try {
      return JSON.readValue(response.body(),
          JSON.getTypeFactory().constructMapType(Map.class, String.class, Long.class));
    } catch (IOException e) {
      throw new AssertionError("bad counts " + response.body(), e);
    }
  }

  static long count(Map<String, Long> counts, String name) {
    return counts.getOrDefault(name, 0L);
  }

  @Test
  void allowedRouteReachesTheApplication() {
    long before = count(counts(), "hello");
    RawHttp.Response response = RawHttp.get(server.port(), "/api/hello");
    assertEquals(200, response.status(), response::toString);
    assertEquals("hello", response.body());
    String seenId = response.header("X-Seen-Request-Id");
    assertTrue(seenId.matches(REQUEST_ID), "the app sees Bulwark's request id attribute: " + seenId);
    assertEquals(before + 1, count(counts(), "hello"));
    JsonNode event = audit.await(AuditFile.requestId(seenId));
    assertEquals("allow", event.path("event").path("action").asText());
    assertEquals("/api/hello", event.path("url").path("path").asText());
  }

  @Test
  void deniedRouteGetsProblemJsonAndTheApplicationNeverRuns() throws IOException {
    Map<String, Long> before = counts();
    RawHttp.Response response = RawHttp.get(server.port(), "/api/admin/users");

    assertEquals(403, response.status(), response::toString);
    assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response::toString);
    JsonNode problem = JSON.readTree(response.body());
    assertEquals("urn:bulwark:problem:access-denied", problem.path("type").asText());
    assertEquals("Forbidden", problem.path("title").asText());
    assertEquals(403, problem.path("status").asInt());
    assertTrue(problem.path("detail").asText().contains("denied"), problem::toString);
    String requestId = problem.path("requestId").asText();
    assertTrue(requestId.matches(REQUEST_ID), requestId);

    Map<String, Long> after = counts();
    for (String code : List.of("admin", "filter", "filter-any-dispatch")) {
      assertEquals(count(before, code), count(after, code), "application code '" + code + "' ran for a denied request");
    }

    JsonNode event = audit.await(AuditFile.requestId(requestId));
    assertEquals("deny", event.path("event").path("action").asText());
    assertEquals("admin-read", event.path("event").path("rule").asText());
    assertEquals("rule.deny", event.path("event").path("reason").asText());
    assertEquals("enforce", event.path("event").path("mode").asText());
    assertEquals("GET", event.path("http").path("request").path("method").asText());
    assertEquals(403, event.path("http").path("response").path("status_code").asInt());
    assertEquals("/api/admin/users", event.path("url").path("path").asText());
    assertEquals("127.0.0.1", event.path("client").path("ip").asText());
    assertTrue(event.path("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"),
        event::toString);
  }

  @Test
  void otherMethodsFallToTheNextRuleAndHeadIsMatchedAsGet() {
    long admin = count(counts(), "admin");
    int events = audit.events().size();
    RawHttp.Response head = RawHttp.request(server.port(), "HEAD", "/api/admin/users", Map.of());
    assertEquals(403, head.status(), head::toString);
    RawHttp.Response post = RawHttp.request(server.port(), "POST", "/api/admin/users", Map.of("Content-Length", "0"));
    assertEquals(403, post.status(), post::toString);
    assertEquals(admin, count(counts(), "admin"));
    List<JsonNode> newEvents = audit.newEventsAfter(events).stream()
        .filter(e -> e.path("url").path("path").asText().equals("/api/admin/users")).toList();
    assertEquals(List.of("HEAD:admin-read", "POST:admin"), newEvents.stream()
        .map(e -> e.path("http").path("request").path("method").asText() + ":" + e.path("event").path("rule").asText())
        .toList());
  }

  @Test
  void connectionStaysUsableAfterABlock() {
    try (RawHttp connection = new RawHttp(server.port())) {
      RawHttp.Response denied = connection.send("GET", "/api/admin/users", Map.of());
      assertEquals(403, denied.status(), denied::toString);
      RawHttp.Response allowed = connection.send("GET", "/api/hello", Map.of());
      assertEquals(200, allowed.status(), allowed::toString);
      assertEquals("hello", allowed.body());
    }
  }

  List<org.junit.jupiter.params.provider.Arguments> dispatches() {
    return kind.dispatches().stream().map(c -> org.junit.jupiter.params.provider.Arguments.of(
        c[0], Integer.parseInt(c[1]), c[2])).toList();
  }

  /** Forward, include, async and error dispatches run application code again, but not the policy. */
  @ParameterizedTest
  @MethodSource("dispatches")
  void requestIsEvaluatedOnceAcrossDispatches(String path, int status, String counter) {
    long before = count(counts(), counter);
    int events = audit.events().size();
    java.time.Instant sent = java.time.Instant.now();
    RawHttp.Response response = RawHttp.get(server.port(), path);
    assertEquals(status, response.status(), response::toString);
    assertEquals(before + 1, count(counts(), counter), "the dispatched-to code ran exactly once");
    List<JsonNode> fresh = audit.newEventsSince(events, sent).stream()
        .filter(e -> !e.path("url").path("path").asText().equals("/__counts")).toList();
    assertEquals(1, fresh.size(), "one decision per request, not per dispatch: " + fresh);
    assertEquals(path, fresh.get(0).path("url").path("path").asText());
  }

  /** A few spellings of the denied route; the policy-language suite has the full table. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/api/admin/users", "/API/ADMIN/users", "/api/./admin/users", "/api/hello/../admin/users",
      "//api//admin//users", "/api/admin;x=y/users", "/api/hello/..;/admin/users", "/api/%61dmin/users",
      "/api/admin%2Fusers", "/api/admin/users/", "/api/admin%2fusers", "/public/%2e%2e/api/admin/users"})
  void spellingsOfTheDeniedRouteNeverReachIt(String target) {
    long admin = count(counts(), "admin");
    RawHttp.Response response = RawHttp.get(server.port(), target);
    assertTrue(response.status() >= 400, target + " -> " + response);
    assertEquals(admin, count(counts(), "admin"), target + " reached the admin handler");
  }

  /** Every container routes an encoded U+2028 (a line separator for log viewers); Bulwark refuses it. */
  @Test
  void ambiguousPathIsRefusedWith400() throws IOException {
    long hello = count(counts(), "hello");
    RawHttp.Response response = RawHttp.get(server.port(), "/public/a%E2%80%A8b");
    assertEquals(400, response.status(), response::toString);
    JsonNode problem = JSON.readTree(response.body());
    assertEquals("urn:bulwark:problem:bad-request-path", problem.path("type").asText());
    assertEquals(hello, count(counts(), "hello"));
    JsonNode event = audit.await(AuditFile.requestId(problem.path("requestId").asText()));
    assertEquals("path.control-character", event.path("event").path("reason").asText());
  }

  /**
   * Rules on the route template and on the handling method are decided once, where the framework
   * routed the request (JAX-RS dispatch, Spring MVC handler), and audited with the route. Where no
   * routing framework serves the path (plain servlets) the request has no route, the rules do not
   * apply, and it is still decided (and audited) exactly once.
   */
  @Test
  void routeRulesAreDecidedOnceWhereTheRouteIsKnown() throws IOException {
    int events = audit.events().size();
    RawHttp.Response delete = RawHttp.request(server.port(), "DELETE", "/api/users/7", Map.of());
    RawHttp.Response export = RawHttp.get(server.port(), "/api/users/export");
    RawHttp.Response get = RawHttp.get(server.port(), "/api/users/7");
    List<JsonNode> fresh = audit.newEventsAfter(events).stream()
        .filter(e -> e.path("url").path("path").asText().startsWith("/api/users/")).toList();
    assertEquals(3, fresh.size(), "one decision per request: " + fresh);
    if (kind.routing() == ServerKind.Routing.NONE) {
      assertTrue(delete.status() != 403 && export.status() != 403, delete + " / " + export);
      for (JsonNode event : fresh) {
        assertEquals("allow", event.path("event").path("action").asText(), event::toString);
        assertTrue(event.path("http").path("route").isMissingNode(), event::toString);
      }
      return;
    }
    assertEquals(403, delete.status(), delete::toString);
    assertEquals("urn:bulwark:problem:access-denied", JSON.readTree(delete.body()).path("type").asText());
    assertEquals(403, export.status(), export::toString);
    assertEquals(200, get.status(), get::toString);
    assertEquals("user 7", get.body());
    Map<String, Long> counts = counts();
    assertEquals(0, count(counts, "users-delete"), "the denied DELETE never reached the application");
    assertEquals(0, count(counts, "users-export"), "the denied export never reached the application");

    JsonNode deleted = fresh.get(0);
    assertEquals("deny", deleted.path("event").path("action").asText(), deleted::toString);
    assertEquals("user-delete", deleted.path("event").path("rule").asText());
    assertEquals("/api/users/{id}", deleted.path("http").path("route").asText());
    assertTrue(deleted.path("bulwark").path("operation").asText().matches("io\\.bulwark\\.it\\..*#delete"),
        deleted::toString);
    assertEquals("user-export", fresh.get(1).path("event").path("rule").asText(), fresh.get(1)::toString);
    JsonNode allowed = fresh.get(2);
    assertEquals("allow", allowed.path("event").path("action").asText(), allowed::toString);
    assertEquals("/api/users/{id}", allowed.path("http").path("route").asText(), allowed::toString);
    assertTrue(allowed.path("bulwark").path("operation").asText().endsWith("#get"), allowed::toString);
  }

  @Test
  void unmatchedRoutesFollowTheDefault() {
    RawHttp.Response response = RawHttp.get(server.port(), "/public/page");
    assertEquals(200, response.status(), response::toString);
  }
}
