package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import io.bulwark.it.support.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client certificates on a real TLS connector that asks for them (and lets clients without one in,
 * as a mixed service does): the rule accepts only the billing service's certificate.
 */
class MutualTlsTest {

  private static final String POLICY = """
      version: 1
      identities:
        mtls:
          principal: san
          clients:
            - { san: "uri:spiffe://bulwark.test/billing", roles: [billing] }
            - { san: "uri:spiffe://bulwark.test/reports", roles: [reports] }
      rules:
        - name: billing-admin
          match: { path: /api/admin/** }
          require:
            auth: [mtls]
            roles: [billing]
            certificate: { sans: ["uri:spiffe://bulwark.test/billing"] }
      default: allow
      audit: { file: %s, events: [allow, deny] }
      """;

  private static int get(SSLContext tls, int port, String path) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @ParameterizedTest
  @EnumSource(value = ServerKind.class, names = {"TOMCAT_9", "TOMCAT_10", "SPRING_BOOT"})
  void onlyTheBillingCertificateReachesTheAdminRoute(ServerKind kind) throws Exception {
    Path work = TestPaths.workDir("mtls-" + kind.name().toLowerCase());
    Path audit = work.resolve("audit.jsonl");
    TestPki pki = new TestPki("CN=Bulwark Test CA");
    Path keyStore =
        pki.keyStore(work.resolve("server.p12"), pki.issue("CN=localhost", "dns:localhost", "ip:127.0.0.1"));
    Path trustStore = pki.trustStore(work.resolve("trust.p12"));
    Path policy = Files.writeString(work.resolve("policy.yaml"), POLICY.formatted(audit));
    try (RunningServer server = RunningServer.builder(kind, 17).workDir(work).agentOptions("policy=" + policy)
        .jvmOption("-Dit.tls.keystore=" + keyStore).jvmOption("-Dit.tls.truststore=" + trustStore)
        .jvmOption("-Dit.tls.password=" + TestPki.PASSWORD).start()) {
      int tlsPort = server.tlsPort();
      SSLContext billing =
          pki.clientContext(pki.issue("CN=billing,O=Bulwark Test", "uri:spiffe://bulwark.test/billing"));
      SSLContext reports =
          pki.clientContext(pki.issue("CN=reports,O=Bulwark Test", "uri:spiffe://bulwark.test/reports"));
      SSLContext anonymous = pki.clientContext(null);

      assertEquals(200, get(billing, tlsPort, "/api/admin/invoices"));
      assertEquals(403, get(reports, tlsPort, "/api/admin/invoices"), "a trusted certificate, but not billing's");
      assertEquals(403, get(anonymous, tlsPort, "/api/admin/invoices"), "no certificate");
      assertEquals(200, get(anonymous, tlsPort, "/api/hello"), "other routes need no certificate");
      assertEquals(403, RawHttp.get(server.port(), "/api/admin/invoices").status(), "plain HTTP has no certificate");

      // A certificate no trusted CA issued, even with billing's name: the handshake or Bulwark refuses it.
      SSLContext impostor = pki.clientContext(TestPki.selfSigned("CN=billing", "uri:spiffe://bulwark.test/billing"));
      int impostorStatus;
      try {
        impostorStatus = get(impostor, tlsPort, "/api/admin/invoices");
      } catch (IOException handshakeRefused) {
        impostorStatus = -1;
      }
      assertNotEquals(200, impostorStatus);

      AuditFile events = new AuditFile(audit);
      JsonNode allowed = events.await(e -> "allow".equals(e.path("event").path("action").asText())
          && "billing-admin".equals(e.path("event").path("rule").asText()));
      assertEquals("spiffe://bulwark.test/billing", allowed.path("user").path("id").asText());
      assertEquals("mtls", allowed.path("bulwark").path("auth").path("scheme").asText());
      JsonNode wrong = events.await(e -> "mtls.not-allowed".equals(e.path("event").path("reason").asText()));
      assertEquals("spiffe://bulwark.test/reports", wrong.path("user").path("id").asText());
      events.await(e -> "mtls.missing".equals(e.path("event").path("reason").asText()));
    }
  }
}
