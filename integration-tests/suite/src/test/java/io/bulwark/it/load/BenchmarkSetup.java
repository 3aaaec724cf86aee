package io.bulwark.it.load;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * What the load benchmark and the soak share: the realistic policy (a resource file, copied into
 * the work folder), the keys its JWKS file holds and tokens signed with them, and how the test app
 * is started for a measurement (Tomcat 10.1, JDK 17, full JIT, the database endpoint configured).
 */
final class BenchmarkSetup {

  static final String ISSUER = "https://login.bulwark.test/";
  static final String AUDIENCE = "orders-api";
  static final String DATABASE = System.getProperty("bulwark.bench.db",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  final Path work;
  final Path policy;
  private final RSAKey rsa;
  private final ECKey ec;

  BenchmarkSetup(Path work) throws Exception {
    this.work = work;
    this.rsa = new RSAKeyGenerator(2048).keyID("bench-rsa").generate();
    this.ec = new ECKeyGenerator(Curve.P_256).keyID("bench-ec").generate();
    this.policy = work.resolve("benchmark-policy.yaml");
    try (InputStream in = BenchmarkSetup.class.getResourceAsStream("benchmark-policy.yaml")) {
      Files.write(policy, in.readAllBytes());
    }
    Files.writeString(work.resolve("benchmark-jwks.json"),
        new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(), StandardCharsets.UTF_8);
  }

  /**
   * Audits only {@code events} (for example {@code deny,monitor,error}, the production default)
   * instead of the policy's every decision; the soak keeps every decision (it counts them).
   */
  void auditOnly(String events) throws Exception {
    String text = Files.readString(policy, StandardCharsets.UTF_8);
    String every = "events: [allow, deny, monitor, error]";
    if (!text.contains(every)) {
      throw new IllegalStateException("benchmark-policy.yaml no longer has the line '" + every + "'");
    }
    Files.writeString(policy, text.replace(every, "events: [" + events.replace(",", ", ") + "]"),
        StandardCharsets.UTF_8);
  }

  /** An RS256 access token for {@code subject} with the role the policy's API rules accept. */
  String rsaToken(String subject) throws Exception {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), claims(subject));
    jwt.sign(new RSASSASigner(rsa));
    return jwt.serialize();
  }

  /** The same with ES256: much cheaper to sign, for the soak's thousands of distinct tokens. */
  String ecToken(String subject) throws Exception {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims(subject));
    jwt.sign(new ECDSASigner(ec));
    return jwt.serialize();
  }

  private static JWTClaimsSet claims(String subject) {
    return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject).issueTime(new Date())
        .expirationTime(new Date(System.currentTimeMillis() + 6 * 3600_000L))
        .claim("realm_access", Map.of("roles", List.of("customer"))).build();
  }

  /** Starts the test app, with the agent and the benchmark policy or without the agent. */
  RunningServer start(boolean agent, String heap, List<String> extraJvmOptions) {
    Path dir = work.resolve(agent ? "agent" : "baseline");
    try {
      Files.createDirectories(dir);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    RunningServer.Builder builder = RunningServer.builder(ServerKind.TOMCAT_10, 17).workDir(dir).forMeasurement()
        .jvmOption("-Xms" + heap).jvmOption("-Xmx" + heap).jvmOption("-Dit.db.url=" + DATABASE);
    extraJvmOptions.forEach(builder::jvmOption);
    if (agent) {
      builder.agentOptions("policy=" + policy);
    } else {
      builder.withoutAgent();
    }
    RunningServer server = builder.start();
    if (agent && server.output().contains("cannot be used")) {
      server.close();
      throw new IllegalStateException("the benchmark policy does not load: " + server.output());
    }
    return server;
  }

  static byte[] get(String target, String... headers) {
    StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "?";
    }
  }
}
