package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.IdentityProvider;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Authentication and authorization enforced inside the server, seen by a real HTTP client: API keys,
 * JWTs verified against the test's JWKS endpoint, opaque tokens checked with its introspection
 * endpoint, roles, scopes and an object-level condition. One server start per server kind.
 */
class AuthenticationTest {

  private static final String API_KEY = "acme-0f3c1b2a9d";

  private static String policy(IdentityProvider idp, Path audit) throws Exception {
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
    return """
        version: 1
        identities:
          apiKeys:
            in: header:X-API-Key
            keys: [{ id: partner-acme, sha256: %s, roles: [partner] }]
          jwt:
            issuer: %s
            audiences: [%s]
            jwks: %s
            rolesClaim: realm_access.roles
          introspection:
            endpoint: %s
            clientId: %s
            clientSecret: env:IT_INTROSPECTION_SECRET
        rules:
          - name: admin
            match: { path: /api/admin/** }
            require: { auth: [jwt], roles: [admin] }
          - name: own-page
            match: { path: "/public/users/{id}" }
            require: { auth: [jwt, introspection] }
            when: "principal.id == path.id || 'admin' in principal.roles"
          - name: hello
            match: { path: /api/hello }
            require: { auth: [apiKey, jwt, introspection] }
        default: allow
        audit:
          file: %s
          events: [allow, deny]
        """.formatted(digest, IdentityProvider.ISSUER, IdentityProvider.AUDIENCE, idp.jwksUrl(),
        idp.introspectionUrl(), IdentityProvider.CLIENT_ID, audit);
  }

  private static RawHttp.Response get(RunningServer server, String path, String header, String value) {
    return RawHttp.request(server.port(), "GET", path, header == null ? Map.of() : Map.of(header, value));
  }

  @ParameterizedTest
  @EnumSource(value = ServerKind.class, names = {"TOMCAT_9", "TOMCAT_10", "JETTY_12", "SPRING_BOOT"})
  void credentialsAreCheckedBeforeTheApplicationRuns(ServerKind kind) throws Exception {
    Path work = TestPaths.workDir("auth-" + kind.name().toLowerCase());
    Path audit = work.resolve("audit.jsonl");
    try (IdentityProvider idp = new IdentityProvider()) {
      Path policy = Files.writeString(work.resolve("policy.yaml"), policy(idp, audit));
      try (RunningServer server = RunningServer.builder(kind, Math.max(17, kind.minimumJdk())).workDir(work)
          .agentOptions("policy=" + policy).environment("IT_INTROSPECTION_SECRET", IdentityProvider.CLIENT_SECRET)
          .start()) {
        // No credential: 401 with a challenge for every accepted scheme; the app never runs.
        RawHttp.Response missing = get(server, "/api/admin/stats", null, null);
        assertEquals(401, missing.status(), missing::toString);
        assertEquals("Bearer realm=\"api\"", missing.header("WWW-Authenticate"));
        assertEquals("application/problem+json", missing.header("Content-Type").split(";")[0]);
        assertFalse(missing.body().contains("admin secret"));

        // A valid token without the role: 403. With it: the admin handler answers.
        RawHttp.Response support = get(server, "/api/admin/stats", "Authorization",
            "Bearer " + idp.token("sam", List.of("support"), null));
        assertEquals(403, support.status(), support::toString);
        RawHttp.Response admin = get(server, "/api/admin/stats", "Authorization",
            "Bearer " + idp.token("ada", List.of("admin"), null));
        assertEquals(200, admin.status(), admin::toString);
        assertEquals("admin secret", admin.body());

        // A token the identity provider did not sign: 401 invalid_token.
        String forged = idp.token("ada", List.of("admin"), null);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA"
            + forged.substring(forged.lastIndexOf('.') + 5);
        RawHttp.Response bad = get(server, "/api/admin/stats", "Authorization", "Bearer " + forged);
        assertEquals(401, bad.status(), bad::toString);
        assertTrue(bad.header("WWW-Authenticate").contains("error=\"invalid_token\""), bad::toString);

        // Object-level: alice may read her page, not bob's; an admin may read both.
        String alice = "Bearer " + idp.token("alice", List.of(), null);
        assertEquals(200, get(server, "/public/users/alice", "Authorization", alice).status());
        assertEquals(403, get(server, "/public/users/bob", "Authorization", alice).status());
        // ...also with an opaque token checked by introspection (asked once, then cached).
        String opaque = "Bearer " + idp.opaqueToken("bob");
        assertEquals(200, get(server, "/public/users/bob", "Authorization", opaque).status());
        assertEquals(200, get(server, "/public/users/bob", "Authorization", opaque).status());
        assertEquals(1, idp.introspections());
        assertEquals(401, get(server, "/public/users/bob", "Authorization", "Bearer opaque-never-issued").status());

        // Any one of the accepted schemes: an API key passes /api/hello, a wrong one does not.
        // The application sees the verified principal as a java.security.Principal.
        RawHttp.Response hello = get(server, "/api/hello", "X-API-Key", API_KEY);
        assertEquals(200, hello.status(), hello::toString);
        assertEquals("partner-acme", hello.header("X-Seen-Principal"));
        RawHttp.Response wrongKey = get(server, "/api/hello", "X-API-Key", "acme-guess");
        assertEquals(401, wrongKey.status());
        assertEquals("ApiKey header=\"X-API-Key\", Bearer realm=\"api\"", wrongKey.header("WWW-Authenticate"));

        // The reviewer sees who was refused and why; no credential is in the file.
        AuditFile events = new AuditFile(audit);
        JsonNode refused = events.await(e -> "authz.role".equals(e.path("event").path("reason").asText()));
        assertEquals("sam", refused.path("user").path("id").asText());
        assertEquals("admin", refused.path("event").path("rule").asText());
        JsonNode allowed = events.await(e -> "partner-acme".equals(e.path("user").path("id").asText()));
        assertEquals("api-key", allowed.path("bulwark").path("auth").path("scheme").asText());
        events.await(e -> "apikey.invalid".equals(e.path("event").path("reason").asText()));
        String file = Files.readString(audit);
        assertFalse(file.contains(API_KEY) || file.contains("acme-guess") || file.contains(alice.substring(7)),
            "credentials never reach the audit file");
        assertEquals(1, idp.jwksFetches(), "the key set is fetched once and cached");
      }
    }
  }
}
