package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.BypassSpellings;
import io.bulwark.it.support.BypassSpellings.Spelling;
import io.bulwark.it.support.BypassTable;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bypass table on one server: every spelling of the admin route is sent to the server with the
 * agent (it must be refused, or reach some other handler: never the admin one), then to the same
 * server without the agent (to show which spellings would have reached the admin handler). One
 * subclass per server, JDK 17.
 */
abstract class PathBypassTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int JDK = 17;

  private final ServerKind kind;

  PathBypassTableTest(ServerKind kind) {
    this.kind = kind;
  }

  @Test
  void noSpellingOfTheProtectedRouteReachesItsHandler() throws IOException {
    List<Spelling> spellings = BypassSpellings.all();
    assertTrue(spellings.size() >= 40, "the table has at least 40 spellings: " + spellings.size());
    Path work = TestPaths.workDir("bypass-" + kind.name().toLowerCase());
    Path auditFile = work.resolve("audit.jsonl");
    Path policy = Files.writeString(work.resolve("policy.yaml"), """
        version: 1
        rules:
          - name: admin
            match: { path: /api/admin/** }
            action: deny
        default: allow
        audit: { file: %s, events: [deny] }
        """.formatted(auditFile));

    List<String> withAgent = new ArrayList<>();
    List<Boolean> reached = new ArrayList<>();
    try (RunningServer server = RunningServer.builder(kind, JDK).agentOptions("policy=" + policy).workDir(work)
        .start()) {
      AuditFile audit = new AuditFile(auditFile);
      for (Spelling spelling : spellings) {
        Outcome outcome = send(server, spelling);
        reached.add(outcome.reachedAdmin);
        withAgent.add(outcome.reachedAdmin ? "**ADMIN**" : describe(outcome.response, audit));
      }
    }
    List<String> withoutAgent = new ArrayList<>();
    Path bare = TestPaths.workDir("bypass-bare-" + kind.name().toLowerCase());
    try (RunningServer server = RunningServer.builder(kind, JDK).withoutAgent().workDir(bare).start()) {
      for (Spelling spelling : spellings) {
        Outcome outcome = send(server, spelling);
        withoutAgent.add(outcome.reachedAdmin ? "**ADMIN**" : outcome.response == null ? "no answer"
            : String.valueOf(outcome.response.status()));
      }
    }

    List<BypassTable.Cell> cells = new ArrayList<>();
    List<String> leaks = new ArrayList<>();
    for (int i = 0; i < spellings.size(); i++) {
      cells.add(new BypassTable.Cell(withAgent.get(i), withoutAgent.get(i), reached.get(i)));
      if (reached.get(i)) {
        leaks.add(spellings.get(i).label());
      }
    }
    BypassTable.write(kind, JDK, spellings, cells);
    assertEquals(List.of(), leaks, "spellings that reached the admin handler past the agent on " + kind.description());
    assertEquals("**ADMIN**", withoutAgent.get(0), "without the agent the plain spelling reaches the admin handler");
  }

  private record Outcome(RawHttp.Response response, boolean reachedAdmin) {}

  private static Outcome send(RunningServer server, Spelling spelling) {
    long before = adminCalls(server);
    RawHttp.Response response;
    try (RawHttp http = new RawHttp(server.port())) {
      response = http.sendBytes("GET", spelling.target());
    } catch (RuntimeException e) {
      response = null; // the server closed the connection without an HTTP answer
    }
    return new Outcome(response, adminCalls(server) != before);
  }

  private static long adminCalls(RunningServer server) {
    RawHttp.Response counts = RawHttp.get(server.port(), "/__counts");
    assertEquals(200, counts.status(), counts::toString);
    try {
      Map<?, ?> values = JSON.readValue(counts.body(), Map.class);
      Object admin = values.get("admin");
      return admin == null ? 0 : ((Number) admin).longValue();
    } catch (IOException e) {
      throw new AssertionError("bad counts " + counts.body(), e);
    }
  }

  /** Who answered and how: Bulwark (with the audited reason), the server, or another handler. */
  private static String describe(RawHttp.Response response, AuditFile audit) {
    if (response == null) {
      return "server: no answer";
    }
    String type = response.header("Content-Type");
    if (type != null && type.startsWith("application/problem+json")
        && response.body().contains("urn:bulwark:problem:")) {
      try {
        JsonNode problem = JSON.readTree(response.body());
        JsonNode event = audit.await(AuditFile.requestId(problem.path("requestId").asText()));
        String reason = event.path("event").path("reason").asText();
        return "Bulwark " + response.status() + " " + ("rule.deny".equals(reason) ? "rule" : reason);
      } catch (IOException e) {
        throw new AssertionError("bad problem body " + response.body(), e);
      }
    }
    if (response.status() == 404) {
      return "404 not found";
    }
    return (response.status() >= 400 ? "server " : "app ") + response.status();
  }
}
