package io.bulwark.policy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.RecordingAuditLog;
import io.bulwark.policy.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any request against a policy that uses every request-reading feature (hosts, headers, method
 * override, suffix match, API keys in a header and the query, JWTs, conditions over path, query,
 * header and principal): the engine always decides, never fails (no {@code error} event, no
 * onAgentError decision), audits each decision once, and a refusal is one of the statuses the docs
 * list (a failure would be a 503: the policy fails closed).
 */
class DecisionFuzzTest {

  private static final OctetSequenceKey KEY = new OctetSequenceKey.Builder(
      "another-shared-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8)).keyID("k").build();
  private static final String KEY_SHA256 = PolicyLoader.sha256("fuzz-key".getBytes(StandardCharsets.UTF_8));
  private static final RecordingAuditLog AUDIT = new RecordingAuditLog();
  private static final BulwarkEngine ENGINE = engine();
  private static final List<String> TOKENS = List.of(token("alice", "admin"), token("bob", "customer"));
  private static final Set<Integer> STATUSES = Set.of(400, 401, 403, 413, 431);

  private static BulwarkEngine engine() {
    try {
      Path dir = Files.createTempDirectory("bulwark-decision-fuzz");
      Files.writeString(dir.resolve("jwks.json"), new JWKSet(KEY).toString(false));
      String policy = """
          version: 1
          onAgentError: deny
          identities:
            apiKeys:
              in: [header:X-API-Key, query:api_key]
              keys: [{ id: partner, sha256: %s, roles: [partner] }]
            jwt:
              issuer: %s
              audiences: [%s]
              jwks: file:jwks.json
              algorithms: [HS256]
              rolesClaim: roles
          rules:
            - name: health
              match: { path: /health, methods: [GET] }
              action: allow
            - name: admin-host
              match: { path: /**, hosts: [admin.example.com, "*.admin.example.com"] }
              action: deny
            - name: beta
              match: { path: /api/**, headers: { X-Api-Version: ["2-beta", "3"] } }
              action: deny
            - name: own-user
              match: { path: "/api/users/{id}/**", methods: [GET, PUT, DELETE] }
              require: { auth: [jwt, apiKey] }
              when: "principal.id == path.id || 'admin' in principal.roles || query.debug == 'x' && header['x-tenant'] == 'acme'"
            - name: orders
              match: { path: /api/orders/*, methods: [GET, POST] }
              require: { auth: [apiKey, jwt], roles: [partner, customer] }
            - name: admin
              match: { path: /api/admin/** }
              require: { auth: [jwt], roles: [admin] }
          default: deny
          routing:
            methodOverride: { headers: [X-HTTP-Method-Override, X-Method] }
            suffixMatch: true
          """.formatted(KEY_SHA256, Tokens.ISSUER, Tokens.AUDIENCE);
      Path file = dir.resolve("policy.yaml");
      Files.writeString(file, policy);
      return new BulwarkEngine(PolicyLoader.load(file), AUDIT);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token(String subject, String role) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k").build(),
          Tokens.claims(subject).claim("roles", List.of(role)).build());
      jwt.sign(new MACSigner(KEY));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest
  void anyRequest(FuzzedDataProvider data) {
    String method = data.pickValue(new String[] {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "get", ""});
    FakeRequest request =
        FakeRequest.of(data.consumeBoolean() ? method : data.consumeString(8), data.consumeString(120));
    if (data.consumeBoolean()) {
      request.query(data.consumeString(80));
    }
    if (data.consumeBoolean()) {
      request.containerPath(data.consumeString(60));
    }
    request.remoteAddress(data.consumeBoolean() ? "203.0.113.7" : data.consumeString(40));
    String[] names = {"Host", "X-API-Key", "Authorization", "X-Api-Version", "X-HTTP-Method-Override", "X-Method",
        "X-Tenant", "Content-Type"};
    int headers = data.consumeInt(0, 6);
    for (int i = 0; i < headers; i++) {
      String name = data.pickValue(names);
      String value = switch (data.consumeInt(0, 3)) {
        case 0 -> "Bearer " + data.pickValue(TOKENS);
        case 1 -> "fuzz-key";
        default -> data.consumeString(60);
      };
      request.header(name, value);
    }
    if (data.consumeBoolean()) {
      // A body the inspection reads: JSON, XML, a form, or anything, declared or chunked.
      String type = data.pickValue(new String[] {"application/json", "application/xml", "text/xml; charset=utf-8",
          "application/x-www-form-urlencoded", "application/vnd.api+json", "multipart/form-data; boundary=x",
          "text/plain"});
      request.body(type, data.consumeBytes(2048), data.consumeBoolean());
    }
    if (data.consumeBoolean()) {
      request.header("Cookie", data.consumeString(80));
    }
    int before = AUDIT.events.size();
    Decision decision = ENGINE.evaluate(request);
    assertNotNull(decision);
    List<AuditEvent> events = AUDIT.events.subList(before, AUDIT.events.size());
    for (AuditEvent event : events) {
      assertTrue(!"error".equals(event.action()), () -> "the engine failed: " + event.get(AuditField.ERROR_TYPE)
          + ": " + event.get(AuditField.ERROR_MESSAGE));
    }
    if (decision.blocks()) {
      assertTrue(STATUSES.contains(decision.status()), decision.toString());
      assertEquals(1, events.size(), "one audit event per refusal");
      assertTrue(decision.body().contains(decision.requestId()), decision.body());
    }
    AUDIT.events.clear();
  }
}
