package io.bulwark.policy.engine;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.auth.ApiKeyAuthenticator;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.Json;
import io.bulwark.policy.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole decisions for rules with require: and when:, as a client and an audit reviewer see them. */
class AccessCheckTest {

  @TempDir
  Path dir;

  private final RSAKey key = Tokens.rsaKey("k1");
  private AsyncAuditWriter writer;
  private BulwarkEngine engine;

  @BeforeEach
  void start() throws Exception {
    start("enforce");
  }

  private void start(String mode) throws Exception {
    Path jwks = Files.writeString(dir.resolve("jwks.json"), Tokens.jwks(key));
    String digest = hex(ApiKeyAuthenticator.sha256("acme-key"));
    String policy = """
        version: 1
        mode: %s
        identities:
          apiKeys:
            in: header:X-API-Key
            keys: [{ id: partner-acme, sha256: %s, roles: [partner] }]
          jwt: { issuer: "%s", audiences: [%s], jwks: "file:%s", rolesClaim: roles }
        rules:
          - name: admin
            match: { path: /api/admin/** }
            require: { auth: [jwt], roles: [admin, ops] }
          - name: own-user
            match: { path: "/api/users/{id}" }
            require: { auth: [jwt] }
            when: "principal.id == path.id || 'admin' in principal.roles"
          - name: orders-write
            match: { path: /api/orders/**, methods: [POST] }
            require: { auth: [apiKey, jwt], scopes: [orders:write] }
          - name: orders
            match: { path: /api/orders/** }
            require: { auth: [apiKey, jwt] }
        default: deny
        audit: { events: [allow, deny, monitor] }
        """.formatted(mode, digest, Tokens.ISSUER, Tokens.AUDIENCE, jwks);
    if (writer != null) {
      writer.close();
    }
    writer = new AsyncAuditWriter(dir.resolve("audit.jsonl"), 64);
    engine = new BulwarkEngine(PolicyLoader.parse(policy, dir.resolve("policy.yaml").toString()), writer);
  }

  @AfterEach
  void stop() {
    writer.close();
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private String token(String subject, List<String> roles, String scope) {
    var claims = Tokens.claims(subject).claim("roles", roles);
    if (scope != null) {
      claims.claim("scope", scope);
    }
    return "Bearer " + Tokens.sign(key, claims.build());
  }

  private List<Map<String, Object>> events() {
    writer.close(); // drains the queue
    return Json.lines(dir.resolve("audit.jsonl"));
  }

  @Test
  void noCredentialIs401WithAChallengeForEachAcceptedScheme() {
    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/orders/1"));
    assertEquals(401, decision.status());
    assertEquals("ApiKey header=\"X-API-Key\", Bearer realm=\"api\"", decision.headers().get("WWW-Authenticate"));
    assertTrue(decision.body().contains("\"type\":\"urn:bulwark:problem:unauthenticated\""), decision.body());
    Map<String, Object> event = events().get(0);
    assertEquals("auth.missing", at(event, "event.reason"));
    assertEquals(401, ((Number) at(event, "http.response.status_code")).intValue());
  }

  @Test
  void invalidTokenIs401WithInvalidTokenError() {
    String expired = "Bearer " + Tokens.sign(key, Tokens.claims("alice")
        .expirationTime(new java.util.Date(System.currentTimeMillis() - 3_600_000)).build());
    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/admin/stats").header("Authorization", expired));
    assertEquals(401, decision.status());
    assertEquals("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired.\"",
        decision.headers().get("WWW-Authenticate"));
    assertEquals("jwt.expired", at(events().get(0), "event.reason"));
    assertFalse(readAudit().contains(expired.substring(7)), "the token never reaches the audit file");
  }

  private String readAudit() {
    try {
      return Files.readString(dir.resolve("audit.jsonl"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void authenticatedWithoutTheRoleIs403() {
    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/admin/stats")
        .header("Authorization", token("alice", List.of("support"), null)));
    assertEquals(403, decision.status());
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/admin/stats")
        .header("Authorization", token("olga", List.of("ops"), null))).blocks(), "one of the roles is enough");
    Map<String, Object> event = events().get(0);
    assertEquals("authz.role", at(event, "event.reason"));
    assertEquals("alice", at(event, "user.id"));
    assertEquals("jwt", at(event, "bulwark.auth.scheme"));
  }

  @Test
  void missingScopeIs403WithInsufficientScope() {
    Decision decision = engine.evaluate(FakeRequest.of("POST", "/api/orders")
        .header("Authorization", token("alice", List.of(), "orders:read")));
    assertEquals(403, decision.status());
    assertEquals("Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"",
        decision.headers().get("WWW-Authenticate"));
    assertFalse(engine.evaluate(FakeRequest.of("POST", "/api/orders")
        .header("Authorization", token("alice", List.of(), "orders:read orders:write"))).blocks());
    Decision apiKey = engine.evaluate(FakeRequest.of("POST", "/api/orders").header("X-API-Key", "acme-key"));
    assertEquals(403, apiKey.status(), "an API key grants no scopes");
    assertEquals(null, apiKey.headers().get("WWW-Authenticate"), "no bearer challenge for an API key");
  }

  @Test
  void objectLevelConditionLetsTheOwnerAndAdminsThrough() {
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/users/alice")
        .header("Authorization", token("alice", List.of(), null))).blocks());
    Decision other = engine.evaluate(FakeRequest.of("GET", "/api/users/bob")
        .header("Authorization", token("alice", List.of(), null)));
    assertEquals(403, other.status());
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/users/bob")
        .header("Authorization", token("root", List.of("admin"), null))).blocks());
    // the path variable is the decoded canonical segment
    assertFalse(engine.evaluate(FakeRequest.of("GET", "/api/users/%61lice")
        .header("Authorization", token("alice", List.of(), null))).blocks());
    List<Map<String, Object>> events = events();
    assertEquals("authz.condition", at(events.get(1), "event.reason"));
    assertEquals("own-user", at(events.get(1), "event.rule"));
  }

  @Test
  void eitherAcceptedSchemeWins() {
    Decision key = engine.evaluate(FakeRequest.of("GET", "/api/orders/1").header("X-API-Key", "acme-key"));
    assertFalse(key.blocks());
    Decision badKeyGoodToken = engine.evaluate(FakeRequest.of("GET", "/api/orders/1").header("X-API-Key", "wrong")
        .header("Authorization", token("alice", List.of(), null)));
    assertFalse(badKeyGoodToken.blocks(), "any one accepted credential proves the principal");
    Map<String, Object> allowed = events().get(0);
    assertEquals("allow", at(allowed, "event.action"));
    assertEquals("partner-acme", at(allowed, "user.id"));
    assertEquals(List.of("partner"), at(allowed, "user.roles"));
    assertEquals("api-key", at(allowed, "bulwark.auth.scheme"));
  }

  /**
   * A credential whose check throws (here the header read; in the field, an input that breaks a
   * parser) is refused: the engine's fail-open (onAgentError: allow, this policy's default) must not
   * let such a request past a rule that requires authentication.
   */
  @Test
  void aCredentialWhoseCheckThrowsIsRefusedNotLetThrough() {
    FakeRequest fake = FakeRequest.of("GET", "/api/admin/stats");
    Decision decision = engine.evaluate(new ThrowingCredentials(fake, "Authorization"));
    assertEquals(401, decision.status());
    assertEquals("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token could not be"
        + " verified.\"", decision.headers().get("WWW-Authenticate"));
    Decision keyRoute = engine.evaluate(new ThrowingCredentials(FakeRequest.of("GET", "/api/orders/1")
        .header("X-API-Key", "acme-key"), "X-API-Key"));
    assertEquals(401, keyRoute.status(), "neither scheme proved a principal");
    Decision tokenStillWorks = engine.evaluate(new ThrowingCredentials(FakeRequest.of("GET", "/api/orders/1")
        .header("Authorization", token("alice", List.of(), null)), "X-API-Key"));
    assertFalse(tokenStillWorks.blocks(), "the other accepted scheme still proves the principal");
    List<Map<String, Object>> events = events();
    assertEquals("deny", at(events.get(0), "event.action"));
    assertEquals("jwt.error", at(events.get(0), "event.reason"));
    assertEquals("admin", at(events.get(0), "event.rule"));
    assertEquals("deny", at(events.get(1), "event.action"));
  }

  /** A request whose credential headers cannot be read. */
  private static final class ThrowingCredentials implements io.bulwark.bridge.RequestView {
    private final FakeRequest request;
    private final String failing;

    ThrowingCredentials(FakeRequest request, String failing) {
      this.request = request;
      this.failing = failing;
    }

    private void check(String name) {
      if (name.equalsIgnoreCase(failing)) {
        throw new IllegalStateException("injected: " + name + " cannot be read");
      }
    }

    @Override public String method() { return request.method(); }
    @Override public String rawPath() { return request.rawPath(); }
    @Override public String containerPath() { return request.containerPath(); }
    @Override public String rawQuery() { return request.rawQuery(); }
    @Override public String header(String name) { check(name); return request.header(name); }
    @Override public List<String> headers(String name) { check(name); return request.headers(name); }
    @Override public String remoteAddress() { return request.remoteAddress(); }
    @Override public String scheme() { return request.scheme(); }
    @Override public void publish(String name, Object value) { request.publish(name, value); }
  }

  @Test
  void monitorModeAuditsTheRefusalAndLetsTheRequestThrough() throws Exception {
    start("monitor");
    Decision decision = engine.evaluate(FakeRequest.of("GET", "/api/admin/stats"));
    assertFalse(decision.blocks());
    Map<String, Object> event = events().get(0);
    assertEquals("monitor", at(event, "event.action"));
    assertEquals(401, ((Number) at(event, "bulwark.would_status")).intValue());
  }
}
