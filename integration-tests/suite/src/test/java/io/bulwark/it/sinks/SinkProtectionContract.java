package io.bulwark.it.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The runtime sinks on a real server, seen from outside: for each family, a vulnerable endpoint
 * of the test app (io.bulwark.it.app.SinkFamilies) is exploited once against the same app without
 * the agent, to show the exploit works, and then against the app with the agent, where it must be
 * answered 403 problem+json and audited as a sink finding; the benign twin of each request still
 * gets the application's answer. Request-level detection is excluded in the policy, so what stops
 * the exploits here is the sink layer alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SinkProtectionContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY = """
      version: 1
      default: allow
      protect:
        ssrf: { action: block, allowHosts: [localhost] }
        exclude:
          - { categories: [sqlInjection, commandInjection, pathTraversal, ssrf, xxe, jndi, xss, ldapInjection, nosqlInjection, crlfInjection] }
      audit: { file: %s, events: [deny, monitor] }
      """;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  RunningServer protectedServer;
  RunningServer unprotected;
  private AuditFile audit;

  abstract ServerKind kind();

  /** The JDK the servers run on. */
  int jdk() {
    return 17;
  }

  /**
   * Whether a twin of the app runs without the agent, to show each exploit works there. The
   * variants on other JDKs leave it out (one server start each); the JDK 17 class shows it.
   */
  boolean withTwinWithoutAgent() {
    return true;
  }

  @BeforeAll
  void start() throws IOException {
    Path work = TestPaths.workDir("sinks-" + kind().name().toLowerCase() + "-jdk" + jdk());
    Path auditFile = work.resolve("audit.jsonl");
    Files.deleteIfExists(auditFile);
    Path policy = Files.writeString(work.resolve("policy.yaml"), POLICY.formatted(auditFile));
    protectedServer = RunningServer.builder(kind(), jdk()).agentOptions("policy=" + policy).workDir(work).start();
    if (withTwinWithoutAgent()) {
      unprotected = RunningServer.builder(kind(), jdk()).withoutAgent().workDir(work).start();
    }
    audit = new AuditFile(auditFile);
  }

  @AfterAll
  void stop() {
    if (protectedServer != null) {
      protectedServer.close();
    }
    if (unprotected != null) {
      unprotected.close();
    }
  }

  @Test
  void sqlInjectionOnH2() throws Exception {
    String exploit = "/sinks/sql/h2?name=" + encode("x' OR '1'='1");
    assertExploitWorksWithoutAgent(() -> get(unprotected, exploit), body -> body.equals("alice,bob,carol"));
    assertBlockedAtSink(get(protectedServer, exploit), "sqli", "java.sql.Statement.executeQuery");
    assertAnswered(get(protectedServer, "/sinks/sql/h2?name=alice"), "alice");
    assertAnswered(get(protectedServer, "/sinks/sql/h2?name=" + encode("alice smith; jr -- or not")), "");
  }

  @Test
  void sqlInjectionFromAJsonBody() throws Exception {
    byte[] exploit = "{\"name\":\"x' OR '1'='1\"}".getBytes(StandardCharsets.UTF_8);
    assertExploitWorksWithoutAgent(() -> post(unprotected, "/sinks/sql/h2-json", exploit, "application/json"),
        body -> body.equals("alice,bob,carol"));
    HttpResponse<String> blocked = post(protectedServer, "/sinks/sql/h2-json", exploit, "application/json");
    assertBlockedAtSink(blocked, "sqli", "java.sql.Statement.executeQuery");
    assertEquals("json.$.name",
        audit.await(AuditFile.requestId(JSON.readTree(blocked.body()).path("requestId").asText()))
        .path("threat").path("location").asText());
    assertAnswered(post(protectedServer, "/sinks/sql/h2-json", "{\"name\":\"alice\"}".getBytes(StandardCharsets.UTF_8),
        "application/json"), "alice");
  }

  /**
   * A multipart form field: the agent leaves multipart bodies unread by default
   * ({@code protect.inputs.multipart: false}), so only the container's own parameters know the
   * value; the sink must still see it as the request's input.
   */
  @Test
  void sqlInjectionFromAMultipartFieldOnlyTheContainerParses() throws Exception {
    assertExploitWorksWithoutAgent(() -> postMultipart(unprotected, "/sinks/sql/h2", "name", "x' OR '1'='1"),
        body -> body.equals("alice,bob,carol"));
    HttpResponse<String> blocked = postMultipart(protectedServer, "/sinks/sql/h2", "name", "x' OR '1'='1");
    assertBlockedAtSink(blocked, "sqli", "java.sql.Statement.executeQuery");
    assertEquals("form.name", audit.await(AuditFile.requestId(JSON.readTree(blocked.body()).path("requestId").asText()))
        .path("threat").path("location").asText());
    assertAnswered(postMultipart(protectedServer, "/sinks/sql/h2", "name", "alice"), "alice");
  }

  /**
   * The application's own view of a multipart body is unchanged by the sink checks that fire while
   * the container parses it (parts are written to temporary files: file sinks). Tomcat's
   * getParameterMap() locks its map on the first call, and the agent calling it then made the
   * application's own call throw "No modifications are allowed to a locked ParameterMap" (500).
   * A part of 150 KB spans many reads of the body.
   */
  @Test
  void theApplicationsParameterMapKeepsEveryMultipartField() throws Exception {
    String large = "lamp ".repeat(30_000); // under Jetty's 200,000-byte form limit
    String[] fields = {"title", "Lamp", "notes", large, "color", "blue", "size", "medium"};
    String expected = "color,notes=150000,size,title";
    if (unprotected != null) {
      assertAnswered(postMultipart(unprotected, "/sinks/parameter-map", fields), expected);
    }
    assertAnswered(postMultipart(protectedServer, "/sinks/parameter-map", fields), expected);
  }

  @Test
  void commandInjection() throws Exception {
    String exploit = "/sinks/cmd?host=" + encode("example.com; id");
    assertExploitWorksWithoutAgent(() -> get(unprotected, exploit), body -> body.contains("uid="));
    assertBlockedAtSink(get(protectedServer, exploit), "cmdi", "java.lang.ProcessImpl.start");
    assertAnswered(get(protectedServer, "/sinks/cmd?host=example.com"), "checking example.com");
  }

  @Test
  void pathTraversal() throws Exception {
    String exploit = "/sinks/file?name=" + encode("../../../../../../../../etc/passwd");
    assertExploitWorksWithoutAgent(() -> get(unprotected, exploit), body -> body.contains("root:"));
    assertBlockedAtSink(get(protectedServer, exploit), "path-traversal", "java.io.FileInputStream.<init>");
    assertAnswered(get(protectedServer, "/sinks/file?name=hello.txt"), "hello file");
  }

  @Test
  void serverSideRequestForgery() throws Exception {
    if (unprotected != null) {
      String exploit = "/sinks/fetch?url=" + encode("http://127.0.0.1:" + unprotected.port() + "/sinks/secret");
      assertExploitWorksWithoutAgent(() -> get(unprotected, exploit), body -> body.equals("internal-secret-42"));
    }
    String against = "/sinks/fetch?url=" + encode("http://127.0.0.1:" + protectedServer.port() + "/sinks/secret");
    assertBlockedAtSink(get(protectedServer, against), "ssrf", "java.net.URL.openConnection");
    String decimal = "/sinks/fetch?url=" + encode("http://2130706433:" + protectedServer.port() + "/sinks/secret");
    assertEquals(403, get(protectedServer, decimal).statusCode(), "127.0.0.1 spelled as one decimal number");
    // localhost is in ssrf.allowHosts: the benign twin reaches it
    String allowed = "/sinks/fetch?url=" + encode("http://localhost:" + protectedServer.port() + "/sinks/secret");
    assertAnswered(get(protectedServer, allowed), "internal-secret-42");
  }

  @Test
  void xmlExternalEntity() throws Exception {
    String exploit = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
    assertExploitWorksWithoutAgent(() -> post(unprotected, "/sinks/xml", exploit.getBytes(StandardCharsets.UTF_8)),
        body -> body.contains("root:"));
    assertBlockedAtSink(post(protectedServer, "/sinks/xml", exploit.getBytes(StandardCharsets.UTF_8)), "xxe",
        "javax.xml.parsers.DocumentBuilder.parse");
    assertAnswered(post(protectedServer, "/sinks/xml", "<r>hello</r>".getBytes(StandardCharsets.UTF_8)), "hello");
  }

  @Test
  void jndiLookupOfAnInputName() throws Exception {
    try (ServerSocket attacker = new ServerSocket(0)) {
      AtomicInteger connections = acceptInBackground(attacker);
      String exploit = "/sinks/jndi?name=" + encode("ldap://127.0.0.1:" + attacker.getLocalPort() + "/o=evil");
      if (unprotected != null) {
        get(unprotected, exploit);
        assertTrue(connections.get() > 0, "without the agent the lookup reaches the attacker's LDAP server");
      }
      int before = connections.get();
      assertBlockedAtSink(get(protectedServer, exploit), "jndi", "javax.naming.InitialContext.lookup");
      assertEquals(before, connections.get(), "with the agent the attacker's server is never contacted");
    }
    HttpResponse<String> benign = get(protectedServer, "/sinks/jndi?name=" + encode("java:comp/env/jdbc/orders"));
    assertEquals(200, benign.statusCode(), benign.body());
    assertTrue(benign.body().startsWith("lookup failed"), benign.body());
  }

  @Test
  void deserializationOfAGadgetClass() throws Exception {
    byte[] gadget = serialize(new javax.management.BadAttributeValueExpException("x"));
    assertExploitWorksWithoutAgent(() -> post(unprotected, "/sinks/deser", gadget),
        body -> body.equals("read javax.management.BadAttributeValueExpException"));
    assertBlockedAtSink(post(protectedServer, "/sinks/deser", gadget), "deserialization",
        "java.io.ObjectInputStream.readObject");
    ArrayList<Serializable> list = new ArrayList<>(List.of("a", 1));
    assertAnswered(post(protectedServer, "/sinks/deser", serialize(list)), "read java.util.ArrayList");
  }

  @Test
  void applicationSettingItsOwnSerialFilterAfterOursKeepsBoth() throws Exception {
    ArrayList<Serializable> list = new ArrayList<>(List.of("a", 1));
    // Bulwark's JVM-wide filter is installed with the first ObjectInputStream
    assertAnswered(post(protectedServer, "/sinks/deser", serialize(list)), "read java.util.ArrayList");
    byte[] date = serialize(new java.util.Date(0));
    if (unprotected != null) {
      assertAnswered(post(unprotected, "/sinks/deser-own-filter", date), "own filter set; rejected");
    }
    assertAnswered(post(protectedServer, "/sinks/deser-own-filter", date), "own filter set; rejected",
        "the application's filter is set (composed with Bulwark's) and refuses what it refuses");
    assertAnswered(post(protectedServer, "/sinks/deser-own-filter", serialize(list)),
        "own filter already set; read java.util.ArrayList");
    assertBlockedAtSink(post(protectedServer, "/sinks/deser-own-filter",
        serialize(new javax.management.BadAttributeValueExpException("y"))), "deserialization",
        "java.io.ObjectInputStream.readObject");
  }

  // ---- helpers ----

  /** A request to one of the servers. */
  interface Call {
    HttpResponse<String> send() throws Exception;
  }

  /** Sends the exploit to the twin without the agent (when it runs) and asserts it succeeds there. */
  void assertExploitWorksWithoutAgent(Call exploit, Predicate<String> succeeded) throws Exception {
    if (unprotected == null) {
      return;
    }
    HttpResponse<String> response = exploit.send();
    assertEquals(200, response.statusCode(), "without the agent: " + response.body());
    assertTrue(succeeded.test(response.body()), "the exploit works without the agent: " + response.body());
  }

  void assertBlockedAtSink(HttpResponse<String> response, String technique, String sink) throws IOException {
    assertEquals(403, response.statusCode(), "with the agent: " + response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    JsonNode problem = JSON.readTree(response.body());
    assertEquals("urn:bulwark:problem:injection", problem.path("type").asText());
    String requestId = problem.path("requestId").asText();
    JsonNode event = audit.await(AuditFile.requestId(requestId));
    assertEquals("deny", event.path("event").path("action").asText(), event.toString());
    assertEquals("sink", event.path("threat").path("layer").asText(), event.toString());
    assertEquals(technique, event.path("threat").path("technique").asText(), event.toString());
    assertEquals(sink, event.path("threat").path("sink").asText(), event.toString());
    assertFalse(event.path("threat").path("reason").asText().isEmpty(), event.toString());
  }

  static void assertAnswered(HttpResponse<String> response, String body) {
    assertAnswered(response, body, "");
  }

  static void assertAnswered(HttpResponse<String> response, String body, String why) {
    assertEquals(200, response.statusCode(), why + " " + response.body());
    assertEquals(body, response.body().trim(), why);
  }

  HttpResponse<String> get(RunningServer server, String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(RunningServer server, String path, byte[] body) throws Exception {
    return post(server, path, body, "application/octet-stream");
  }

  private HttpResponse<String> post(RunningServer server, String path, byte[] body, String type) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", type)
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postMultipart(RunningServer server, String path, String... fieldsAndValues)
      throws Exception {
    String boundary = "bulwark-it-boundary";
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      body.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(fieldsAndValues[i]).append("\"\r\n\r\n")
          .append(fieldsAndValues[i + 1]).append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    return post(server, path, body.toString().getBytes(StandardCharsets.UTF_8),
        "multipart/form-data; boundary=" + boundary);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static byte[] serialize(Object object) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return bytes.toByteArray();
  }

  private static AtomicInteger acceptInBackground(ServerSocket server) {
    AtomicInteger connections = new AtomicInteger();
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket ignored = server.accept()) {
          connections.incrementAndGet();
        } catch (IOException closed) {
          return;
        }
      }
    }, "attacker-ldap");
    accept.setDaemon(true);
    accept.start();
    return connections;
  }
}
