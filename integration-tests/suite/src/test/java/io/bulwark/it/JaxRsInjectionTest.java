package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Injection protection for JAX-RS resources: served through a servlet container (RESTEasy on
 * Undertow), the entity body is inspected and the resource gets the same bytes; on Grizzly, where no
 * servlet request exists to replay a body, only the query, path and headers are inspected, and the
 * body reaches the resource untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxRsInjectionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SQLI_JSON = "{\"id\":\"1 UNION SELECT password FROM users --\"}";

  private final ServerKind kind;
  private final boolean bodiesInspected;
  private RunningServer server;
  private AuditFile audit;
  /**
   * HTTP/1.1: the JDK client offers an h2c upgrade by default, and Grizzly then never hands a POST's body
   * to the resource (Bulwark reads no body on Grizzly; the resource waits out Grizzly's read timeout).
   */
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  JaxRsInjectionTest(ServerKind kind, boolean bodiesInspected) {
    this.kind = kind;
    this.bodiesInspected = bodiesInspected;
  }

  @BeforeAll
  void start() throws IOException {
    Path work = TestPaths.workDir("injection-" + kind.name().toLowerCase());
    Path auditFile = work.resolve("audit.jsonl");
    Files.deleteIfExists(auditFile);
    Path policy = Files.writeString(work.resolve("policy.yaml"), """
        version: 1
        protect: { sqlInjection: block }
        audit: { file: %s, events: [deny, monitor, error] }
        """.formatted(auditFile));
    server = RunningServer.builder(kind, 17).agentOptions("policy=" + policy).workDir(work).start();
    audit = new AuditFile(auditFile);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void sqlInjectionInTheQueryIsRefused() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/echo/users?q="
        + URLEncoder.encode("1' OR '1'='1' --", StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(403, response.statusCode(), response.body());
    JsonNode event = audit.await(AuditFile.requestId(JSON.readTree(response.body()).path("requestId").asText()));
    assertEquals("query.q", event.path("threat").path("location").asText());
  }

  @Test
  void theEntityBodyIsInspectedWhereAServletRequestCarriesIt() throws Exception {
    HttpResponse<String> response = post(SQLI_JSON);

    if (bodiesInspected) {
      assertEquals(403, response.statusCode(), response.body());
      JsonNode event = audit.await(AuditFile.requestId(JSON.readTree(response.body()).path("requestId").asText()));
      assertEquals("json.$.id", event.path("threat").path("location").asText());
    } else {
      assertEquals(digest(SQLI_JSON), response.body(), "Grizzly: the body is not inspected and reaches the resource");
    }
  }

  @Test
  void theResourceGetsExactlyTheBytesSent() throws Exception {
    String json = "{\"name\":\"O'Brien\",\"note\":\"select the union of both\",\"email\":\"ann@example.com\"}";
    assertEquals(digest(json), post(json).body());
  }

  private HttpResponse<String> post(String json) throws Exception {
    return client.send(HttpRequest.newBuilder(uri("/echo/stream")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String target) {
    return URI.create("http://127.0.0.1:" + server.port() + target);
  }

  private static String digest(String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder hex = new StringBuilder("sha256=");
    for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex + " length=" + bytes.length;
  }
}
