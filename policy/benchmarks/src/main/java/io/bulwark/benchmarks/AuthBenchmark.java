package io.bulwark.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.auth.ApiKeyAuthenticator;
import io.bulwark.policy.auth.AuthOutcome;
import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.JwtAuthenticator;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Authentication costs (issue: authentication): a whole decision for a request whose RS256 token was
 * verified before (cache hit), the first verification of an RS256 token (signature and claims, no
 * cache), and an API-key check. Keys come from a JWKS file, so no network is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthBenchmark {

  private static final String API_KEY = "acme-0f3c1b2a9d8e7f60";

  private BulwarkEngine engine;
  private JwtAuthenticator jwt;
  private ApiKeyAuthenticator apiKeys;
  private String token;
  private RequestView withToken;
  private RequestView withApiKey;
  private RequestView withTokenNoCondition;

  @Setup
  public void setUp() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
    Path jwks = Files.createTempFile("bulwark-bench", ".jwks.json");
    Files.writeString(jwks, new JWKSet(key).toPublicJWKSet().toString());
    jwks.toFile().deleteOnExit();
    StringBuilder digest = new StringBuilder();
    for (byte b : ApiKeyAuthenticator.sha256(API_KEY)) {
      digest.append(String.format("%02x", b));
    }
    Policy policy = PolicyLoader.parse("""
        version: 1
        identities:
          apiKeys:
            in: header:X-API-Key
            keys:
              - { id: partner-acme, sha256: %s, roles: [partner] }
              - { id: partner-globex, sha256: 1f2e3d4c5b6a79880f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a6978 }
              - { id: partner-initech, sha256: 0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20 }
          jwt: { issuer: "https://login.example.com/", audiences: [orders-api], jwks: "file:%s", rolesClaim: realm_access.roles }
        rules:
          - name: orders
            match: { path: "/api/users/{id}/orders" }
            require: { auth: [jwt], roles: [customer] }
            when: "principal.id == path.id"
          - name: profile
            match: { path: /api/profile }
            require: { auth: [jwt], roles: [customer] }
        default: deny
        """.formatted(digest, jwks), "bench-policy.yaml");
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://login.example.com/").audience("orders-api")
        .subject("alice").expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
        .claim("realm_access", Map.of("roles", List.of("customer"))).claim("scope", "orders:read profile").build();
    SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), claims);
    signed.sign(new RSASSASigner(key));
    token = signed.serialize();
    engine = new BulwarkEngine(policy, new DecisionBenchmark.CountingAuditLog());
    jwt = (JwtAuthenticator) policy.identities().get(AuthScheme.JWT);
    apiKeys = (ApiKeyAuthenticator) policy.identities().get(AuthScheme.API_KEY);
    withToken = new HeaderRequest("/api/users/alice/orders", "authorization", "Bearer " + token);
    withApiKey = new HeaderRequest("/api/users/alice/orders", "x-api-key", API_KEY);
    withTokenNoCondition = new HeaderRequest("/api/profile", "authorization", "Bearer " + token);
    if (engine.evaluate(withToken).blocks() || engine.evaluate(withTokenNoCondition).blocks()
        || apiKeys.authenticate(withApiKey).principal() == null) {
      throw new IllegalStateException("the benchmark requests must be allowed");
    }
  }

  /** Canonicalize, match, authenticate from the cache, check roles and the condition, allow. */
  @Benchmark
  public Decision decisionWithVerifiedToken() {
    return engine.evaluate(withToken);
  }

  /** The same without a when: condition: what the CEL evaluation adds is the difference. */
  @Benchmark
  public Decision decisionWithVerifiedTokenNoCondition() {
    return engine.evaluate(withTokenNoCondition);
  }

  /** Parse, select the key, verify the RS256 signature, check the claims: a token seen for the first time. */
  @Benchmark
  public AuthOutcome firstVerificationRs256() {
    return jwt.verifyWithoutCache(token, System.currentTimeMillis());
  }

  /** SHA-256 of the presented key, compared in constant time with three configured digests. */
  @Benchmark
  public AuthOutcome apiKeyCheck() {
    return apiKeys.authenticate(withApiKey);
  }

  /**
   * A request carrying one header, as the servlet view returns it: a new String for every read, as
   * a container parses each request's headers anew (so the token's hash code is computed each time).
   */
  static final class HeaderRequest implements RequestView {
    private final String path;
    private final String header;
    private final char[] value;

    HeaderRequest(String path, String lowerCaseHeader, String value) {
      this.path = path;
      this.header = lowerCaseHeader;
      this.value = value.toCharArray();
    }

    @Override public String method() { return "GET"; }
    @Override public String rawPath() { return path; }
    @Override public String containerPath() { return path; }
    @Override public String rawQuery() { return null; }
    @Override public String header(String name) { return header.equalsIgnoreCase(name) ? new String(value) : null; }
    @Override public List<String> headers(String name) {
      return header.equalsIgnoreCase(name) ? List.of(new String(value)) : List.of();
    }
    @Override public String remoteAddress() { return "203.0.113.9"; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}
  }
}
