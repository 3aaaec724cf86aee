package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mistakes in identities:, require: and when: are reported together, each at its line and column. */
class IdentitiesAndRequireReaderTest {

  private static Map<String, String> problems(String yaml) {
    List<Problem> problems =
        assertThrows(PolicyException.class, () -> PolicyLoader.parse(yaml, "policy.yaml")).problems();
    Map<String, String> positions = new LinkedHashMap<>();
    for (Problem problem : problems) {
      positions.put(problem.location().line() + ":" + problem.location().column(), problem.message());
    }
    return positions;
  }

  @Test
  void identityMistakes() {
    Map<String, String> problems = problems("""
        version: 1
        identities:
          apiKeys:
            in: cookie:key
            keys:
              - { id: a, sha256: "my-secret-key" }
          jwt:
            issuer: https://login.example.com/
            jwks: http://login.example.com/jwks.json
            algorithms: [RS256, none]
            clockSkew: 1h
          introspection:
            endpoint: https://login.example.com/introspect
            clientId: api
            clientSecret: hunter2
          mtls:
            clients:
              - { subject: "not a dn", roles: [x] }
        """);
    assertEquals("identities.apiKeys.in: expected header:NAME or query:NAME, e.g. header:X-API-Key, but found"
        + " 'cookie:key'", problems.get("4:9"));
    assertEquals("identities.apiKeys.keys[0].sha256: expected the key's SHA-256 digest as 64 hex digits"
        + " (java -jar bulwark-agent.jar keys hash), not the key itself", problems.get("6:26"));
    assertEquals("identities.jwt: missing 'audiences' (the aud values tokens for this service carry), e.g."
        + " audiences: [orders-api]", problems.get("8:5"));
    assertEquals("identities.jwt.jwks: expected an https URL (plain http is accepted only for localhost) but"
        + " found 'http://login.example.com/jwks.json'", problems.get("9:11"));
    assertEquals("identities.jwt.algorithms: expected some of RS256, RS384, RS512, PS256, PS384, PS512, ES256,"
        + " ES384, ES512, HS256, HS384, HS512 but found 'none' (unsigned tokens are never accepted)",
        problems.get("10:17"));
    assertEquals("identities.jwt.clockSkew: expected a duration from 0s to 10m but found '1h'", problems.get("11:16"));
    assertEquals("identities.introspection.clientSecret: expected env:NAME (an environment variable) or"
        + " file:PATH (a file holding the secret); the secret itself does not belong in the policy",
        problems.get("15:19"));
    assertEquals("identities.mtls.clients[0].subject: expected a distinguished name such as"
        + " \"CN=billing,OU=services,O=Example\" but found 'not a dn'", problems.get("18:20"));
  }

  @Test
  void missingJwksFileIsReportedWithItsPath() {
    Map<String, String> problems = problems("""
        version: 1
        identities:
          jwt: { issuer: x, audiences: [a], jwks: "file:/nonexistent/jwks.json" }
        """);
    assertEquals("identities.jwt.jwks: cannot read /nonexistent/jwks.json: no such file", problems.get("3:43"));
  }

  @Test
  void requireAndWhenMistakes() {
    Map<String, String> problems = problems("""
        version: 1
        identities:
          apiKeys: { in: header:X-API-Key, keys: [] }
        rules:
          - name: a
            match: { path: /a/** }
            require: { auth: [apikey, jwtt] }
          - name: b
            match: { path: /b/** }
            require: { auth: [jwt] }
          - name: c
            match: { path: "/c/{id}" }
            action: allow
            when: "principal.id == path.id"
          - name: d
            match: { path: "/d/{id}" }
            require: { auth: [apiKey] }
            when: "principal.id == path.uid"
          - name: e
            match: { path: /e/** }
            action: allow
            require: { auth: [apiKey] }
        default: deny
        """);
    assertEquals("rules[0] 'a'.require.auth: expected one of 'apiKey', 'jwt', 'introspection', 'mtls' but found"
        + " 'jwtt' (did you mean 'jwt'?)", problems.get("7:31"));
    assertEquals("rules[1] 'b'.require.auth: 'jwt' is not configured: add identities.jwt to the policy",
        problems.get("10:23"));
    assertEquals("rules[2] 'c'.when: the condition uses principal, so the rule needs 'require: { auth: [...] }'"
        + " (at 1:1 of the condition)", problems.get("14:11"));
    assertEquals("rules[3] 'd'.when: expected one of the rule's path variables [id] but found path.uid"
        + " (at 1:21 of the condition)", problems.get("18:11"));
    assertEquals("rules[4] 'e': a rule with 'require' lets authenticated requests through; expected either"
        + " 'action' or 'require', not both", problems.get("21:5"));
  }
}
