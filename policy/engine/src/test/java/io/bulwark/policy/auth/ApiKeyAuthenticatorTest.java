package io.bulwark.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {

  // printf 'acme-secret-key' | sha256sum ; printf 'globex-secret-key' | sha256sum
  private static final String ACME = hex("acme-secret-key");
  private static final String GLOBEX = hex("globex-secret-key");

  private static String hex(String key) {
    StringBuilder hex = new StringBuilder();
    for (byte b : ApiKeyAuthenticator.sha256(key)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static ApiKeyAuthenticator keys(String in) throws Exception {
    return (ApiKeyAuthenticator) PolicyLoader.parse("""
        version: 1
        identities:
          apiKeys:
            in: %s
            keys:
              - { id: partner-acme, sha256: %s, roles: [partner] }
              - { id: partner-globex, sha256: "%s", roles: [partner, beta] }
        """.formatted(in, ACME, GLOBEX.toUpperCase()), "policy.yaml").identities().get(AuthScheme.API_KEY);
  }

  @Test
  void keyInTheHeaderProvesItsId() throws Exception {
    ApiKeyAuthenticator keys = keys("header:X-API-Key");
    Principal acme = keys.authenticate(FakeRequest.of("GET", "/").header("x-api-key", "acme-secret-key")).principal();
    assertEquals("partner-acme", acme.id());
    assertEquals(Set.of("partner"), acme.roles());
    Principal globex =
        keys.authenticate(FakeRequest.of("GET", "/").header("X-API-Key", " globex-secret-key ")).principal();
    assertEquals("partner-globex", globex.id(), "digests are accepted in either case; the key is trimmed");
  }

  @Test
  void wrongOrMissingKey() throws Exception {
    ApiKeyAuthenticator keys = keys("header:X-API-Key");
    assertTrue(keys.authenticate(FakeRequest.of("GET", "/")).isAbsent());
    AuthOutcome wrong = keys.authenticate(FakeRequest.of("GET", "/").header("X-API-Key", "acme-secret-kez"));
    assertNull(wrong.principal());
    assertEquals("apikey.invalid", wrong.failure().reason());
    assertEquals(401, wrong.failure().status());
    assertEquals("apikey.invalid",
        keys.authenticate(FakeRequest.of("GET", "/").header("X-API-Key", "")).failure().reason());
    assertEquals("apikey.invalid", keys.authenticate(FakeRequest.of("GET", "/")
        .header("X-API-Key", "k".repeat(10_000))).failure().reason());
  }

  @Test
  void keyInTheQueryIsDecoded() throws Exception {
    ApiKeyAuthenticator keys = keys("[header:X-API-Key, query:api_key]");
    assertEquals("partner-acme", keys.authenticate(FakeRequest.of("GET", "/").query("x=1&api_key=acme%2Dsecret-key"))
        .principal().id());
    assertEquals("ApiKey header=\"X-API-Key\"", keys.challenge());
  }

  @Test
  void twoKeysAreRefusedRatherThanPickingOne() throws Exception {
    ApiKeyAuthenticator keys = keys("[header:X-API-Key, query:api_key]");
    assertEquals("apikey.ambiguous", keys.authenticate(FakeRequest.of("GET", "/")
        .header("X-API-Key", "acme-secret-key").query("api_key=globex-secret-key")).failure().reason());
    assertEquals("apikey.ambiguous", keys.authenticate(FakeRequest.of("GET", "/")
        .query("api_key=acme-secret-key&api_key=acme-secret-key")).failure().reason());
  }

  @Test
  void queryParameterNameIsMaskedInTheAudit() throws Exception {
    var policy = PolicyLoader.parse("""
        version: 1
        identities:
          apiKeys: { in: "query:k", keys: [{ id: a, sha256: %s }] }
        """.formatted(ACME), "policy.yaml");
    assertTrue(policy.audit().redact().contains("k"), policy.audit().redact().toString());
  }
}
