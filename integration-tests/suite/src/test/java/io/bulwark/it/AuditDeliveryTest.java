package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AgentCli;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit trail of a real server (Spring Boot, which has Logback, on JDK 17): no event lost under
 * concurrency, a chain that verifies, secrets masked, and events routed to the application's SLF4J.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditDeliveryTest {

  private RunningServer server;
  private AuditFile audit;
  private Path auditFile;

  @BeforeAll
  void start() throws IOException {
    Path work = TestPaths.workDir("audit-delivery");
    auditFile = work.resolve("audit.jsonl");
    Path policy = Files.writeString(work.resolve("policy.yaml"), """
        version: 1
        rules:
          - name: admin
            match: { path: /api/admin/** }
            action: deny
        default: allow
        audit:
          file: %s
          events: [allow, deny, monitor, error]
          redact: [ssn]
          headers: [User-Agent, Authorization, Cookie, X-Api-Key]
          slf4j: true
        """.formatted(auditFile));
    server = RunningServer.builder(ServerKind.SPRING_BOOT, 17).agentOptions("policy=" + policy).workDir(work).start();
    audit = new AuditFile(auditFile);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void concurrentRequestsProduceExactlyOneEventEach() throws Exception {
    int requests = 400;
    String run = UUID.randomUUID().toString();
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      String path = (i % 4 == 0 ? "/api/admin/users" : "/api/hello") + "?run=" + run + "&n=" + i;
      statuses.add(clients.submit(() -> RawHttp.get(server.port(), path).status()));
    }
    int denied = 0;
    for (Future<Integer> status : statuses) {
      denied += status.get(2, TimeUnit.MINUTES) == 403 ? 1 : 0;
    }
    clients.shutdown();
    assertEquals(requests / 4, denied);

    List<JsonNode> events = awaitEvents(run, requests);
    Set<Integer> numbers = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    for (JsonNode event : events) {
      String query = event.path("url").path("query").asText();
      numbers.add(Integer.parseInt(query.substring(query.indexOf("&n=") + 3)));
      ids.add(event.path("http").path("request").path("id").asText());
    }
    assertEquals(requests, events.size(), "exactly one event per request");
    assertEquals(requests, numbers.size(), "every request has its own event");
    assertEquals(requests, ids.size(), "with its own request id");
    assertEquals(requests / 4,
        events.stream().filter(e -> "deny".equals(e.path("event").path("action").asText())).count());
  }

  private List<JsonNode> awaitEvents(String run, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<JsonNode> events = List.of();
    while (System.nanoTime() < deadline) {
      events = audit.events(e -> e.path("url").path("query").asText().startsWith("run=" + run + "&"));
      if (events.size() >= expected) {
        break;
      }
      Thread.sleep(50);
    }
    Thread.sleep(300); // any duplicate would arrive now
    return audit.events(e -> e.path("url").path("query").asText().startsWith("run=" + run + "&"));
  }

  @Test
  void theLiveFileVerifiesAndAnEditedCopyDoesNot() throws Exception {
    RawHttp.get(server.port(), "/api/admin/verify-me");
    audit.await(e -> e.path("url").path("path").asText().equals("/api/admin/verify-me"));

    AgentCli.Result intact = AgentCli.run("audit", "verify", auditFile.toString());
    assertEquals(0, intact.status(), intact.output());
    assertTrue(intact.output().startsWith("intact: "), intact.output());

    List<String> lines = new ArrayList<>(Files.readAllLines(auditFile, StandardCharsets.ISO_8859_1));
    assertTrue(lines.size() > 3, lines::toString);
    lines.remove(2); // someone deletes the third line
    Path copy = Files.write(auditFile.resolveSibling("tampered.jsonl"), lines, StandardCharsets.ISO_8859_1);
    AgentCli.Result broken = AgentCli.run("audit", "verify", copy.toString());
    assertEquals(1, broken.status(), broken.output());
    assertTrue(broken.output().contains(copy + ":3: 1 line(s) removed before this line (seq 3 missing)"),
        broken.output());
  }

  @Test
  void credentialsAndConfiguredFieldsAreNeverWritten() throws Exception {
    String marker = UUID.randomUUID().toString();
    RawHttp.Response response = RawHttp.request(server.port(), "GET",
        "/api/admin/users?marker=" + marker + "&ssn=123-45-6789&api_key=KEY-0042&q=ok",
        Map.of("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJlc2VjcmV0",
            "Cookie", "SESSION=cookie-secret-77", "X-Api-Key", "apikey-secret-55", "User-Agent", "audit-test/1.0"));
    assertEquals(403, response.status(), response::toString);

    JsonNode event = audit.await(e -> e.path("url").path("query").asText().contains(marker));
    assertEquals("marker=" + marker + "&ssn=[redacted]&api_key=[redacted]&q=ok",
        event.path("url").path("query").asText());
    JsonNode headers = event.path("http").path("request").path("headers");
    assertEquals("[redacted]", headers.path("authorization").asText());
    assertEquals("[redacted]", headers.path("cookie").asText());
    assertEquals("[redacted]", headers.path("x-api-key").asText());
    assertEquals("audit-test/1.0", headers.path("user-agent").asText());
    awaitOutput(marker);
    String file = Files.readString(auditFile, StandardCharsets.ISO_8859_1);
    for (String secret : List.of("123-45-6789", "KEY-0042", "c2lnbmF0dXJlc2VjcmV0", "cookie-secret-77",
        "apikey-secret-55")) {
      assertFalse(file.contains(secret), secret + " is in the audit file");
      assertFalse(server.output().contains(secret), secret + " went to the application's log");
    }
  }

  @Test
  void eventsAlsoGoToTheApplicationsOwnSlf4jLogger() throws Exception {
    RawHttp.Response response = RawHttp.get(server.port(), "/api/admin/slf4j-check");
    String requestId = ServerContractTest.JSON.readTree(response.body()).path("requestId").asText();

    String line = awaitOutput(requestId);
    // Formatted by the application's Logback (its pattern is "LOGBACK %level %logger{0} - %msg").
    assertTrue(line.startsWith("LOGBACK INFO audit - {\"@timestamp\":"), line);
    assertTrue(line.contains("\"action\":\"deny\""), line);
    JsonNode event = audit.await(AuditFile.requestId(requestId));
    assertEquals(event.toString(), ServerContractTest.JSON.readTree(line.substring(line.indexOf('{'))).toString(),
        "the same event as in the file, chain fields included");

    RawHttp.Response libs = RawHttp.get(server.port(), "/libs");
    JsonNode visible = ServerContractTest.JSON.readTree(libs.body());
    assertEquals("ch.qos.logback.classic.LoggerContext", visible.path("slf4jBinding").asText());
    assertEquals("false", visible.path("engineVisible").asText(), "isolation holds");
  }

  private String awaitOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (String line : server.output().split("\n")) {
        if (line.contains(text) && line.startsWith("LOGBACK")) {
          return line;
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no application log line with " + text + " in:\n" + server.output());
  }
}
