package io.bulwark.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any bearer token against a JWKS file with an RSA and an HMAC key: verification never throws; it
 * refuses with a 400/401 and a {@code jwt.*}/{@code bearer.*} reason, or accepts, and it accepts
 * only tokens really signed with a configured key, with the right issuer and audience, a subject
 * and an expiry in the future.
 *
 * <p>Tokens are built from the fuzzer's choices (header fields, claims, and either a real
 * signature or fuzzed bytes), so the fuzzer gets past the signature to the claim checks; or the
 * whole header value is the fuzzer's.
 */
class JwtAuthenticatorFuzzTest {

  private static final RSAKey RSA = Tokens.rsaKey("fuzz-rsa");
  private static final OctetSequenceKey HMAC = new OctetSequenceKey.Builder(
      "a-shared-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8)).keyID("fuzz-hmac").build();
  private static final JwtAuthenticator JWT = authenticator();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private static JwtAuthenticator authenticator() {
    try {
      Path dir = Files.createTempDirectory("bulwark-jwt-fuzz");
      Path jwks = dir.resolve("jwks.json");
      Files.writeString(jwks,
          JSONObjectUtils.toJSONString(new JWKSet(List.of(RSA.toPublicJWK(), HMAC)).toJSONObject(false)));
      String policy = """
          version: 1
          identities:
            jwt:
              issuer: %s
              audiences: [%s]
              jwks: file:%s
              algorithms: [RS256, HS256]
              rolesClaim: realm_access.roles
          """.formatted(Tokens.ISSUER, Tokens.AUDIENCE, jwks);
      return (JwtAuthenticator) PolicyLoader.parse(policy, dir.resolve("policy.yaml").toString())
          .identities().get(AuthScheme.JWT);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest
  void anyBearerToken(FuzzedDataProvider data) throws Exception {
    boolean structured = data.consumeBoolean();
    Map<String, Object> claims = new LinkedHashMap<>();
    String alg = null;
    boolean signed = false;
    String header;
    if (!structured) {
      header = data.consumeRemainingAsString();
    } else {
      Map<String, Object> jose = new LinkedHashMap<>();
      alg = data.pickValue(new String[] {"RS256", "HS256", "none", "ES256", "HS512", "PS256", ""});
      jose.put("alg", alg);
      switch (data.consumeInt(0, 3)) {
        case 0 -> jose.put("kid", "fuzz-rsa");
        case 1 -> jose.put("kid", "fuzz-hmac");
        case 2 -> jose.put("kid", data.consumeString(12));
        default -> { }
      }
      if (data.consumeBoolean()) {
        jose.put(data.pickValue(new String[] {"jku", "jwk", "x5u", "crit", "typ", "cty", "zip", "enc"}),
            data.consumeString(20));
      }
      claims.put("iss", data.consumeBoolean() ? Tokens.ISSUER : data.consumeString(30));
      claims.put("aud", data.consumeBoolean() ? Tokens.AUDIENCE : List.of(data.consumeString(10), Tokens.AUDIENCE));
      if (data.consumeBoolean()) {
        claims.put("sub", data.consumeString(20));
      }
      long now = System.currentTimeMillis() / 1000;
      if (data.consumeBoolean()) {
        claims.put("exp", data.consumeBoolean() ? now + data.consumeInt(-120, 600) : data.consumeLong());
      }
      if (data.consumeBoolean()) {
        claims.put("nbf", now + data.consumeInt(-600, 600));
      }
      if (data.consumeBoolean()) {
        claims.put("realm_access", Map.of("roles", List.of(data.consumeString(8))));
      }
      String headerJson = data.consumeBoolean() ? JSONObjectUtils.toJSONString(jose) : data.consumeString(60);
      String payloadJson = data.consumeBoolean() ? JSONObjectUtils.toJSONString(claims) : data.consumeString(200);
      String input = b64(headerJson) + "." + b64(payloadJson);
      String signature;
      if (data.consumeBoolean() && ("RS256".equals(alg) || "HS256".equals(alg))) {
        signature = B64.encodeToString(sign(alg, input));
        signed = true;
      } else {
        signature = B64.encodeToString(data.consumeBytes(300));
      }
      header = "Bearer " + input + "." + signature + data.consumeRemainingAsString();
    }
    AuthOutcome outcome = JWT.authenticate(FakeRequest.of("GET", "/api").header("Authorization", header));
    assertNotNull(outcome);
    if (outcome.isAbsent()) {
      return;
    }
    if (outcome.principal() == null) {
      assertNotNull(outcome.failure());
      int status = outcome.failure().status();
      assertTrue(status == 400 || status == 401, outcome.failure().toString());
      String reason = outcome.failure().reason();
      assertTrue(reason.startsWith("jwt.") || reason.startsWith("bearer."), reason);
      return;
    }
    // Accepted: only what this test really signed, with every claim the policy asks for.
    assertTrue(signed, header);
    assertEquals(Tokens.ISSUER, claims.get("iss"), header);
    Object aud = claims.get("aud");
    assertTrue(Tokens.AUDIENCE.equals(aud) || aud instanceof List<?> list && list.contains(Tokens.AUDIENCE), header);
    assertEquals(claims.get("sub"), outcome.principal().id(), header);
    assertTrue(claims.get("exp") instanceof Long exp && exp * 1000 > System.currentTimeMillis() - 61_000, header);
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sign(String alg, String input) throws Exception {
    byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
    if ("HS256".equals(alg)) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(HMAC.toByteArray(), "HmacSHA256"));
      return mac.doFinal(bytes);
    }
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(RSA.toPrivateKey());
    rsa.update(bytes);
    return rsa.sign();
  }
}
