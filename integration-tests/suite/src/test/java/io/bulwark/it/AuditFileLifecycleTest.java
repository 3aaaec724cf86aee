package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AgentCli;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The audit file over a server's life, on Tomcat 10.1 and JDK 17: rotation and restarts keep one
 * verifiable chain, and a disk that cannot take writes costs events visibly, never the application.
 */
class AuditFileLifecycleTest {

  private static Path policy(Path work, String audit) throws IOException {
    return Files.writeString(work.resolve("policy.yaml"), """
        version: 1
        rules:
          - name: admin
            match: { path: /api/admin/** }
            action: deny
        default: allow
        audit:
          %s
        """.formatted(audit));
  }

  @Test
  void rotatedFilesAndRestartsFormOneChainThatVerifies() throws Exception {
    Path work = TestPaths.workDir("audit-rotation");
    Path file = work.resolve("logs/audit.jsonl");
    Path policy = policy(work, "{ file: " + file + ", events: [allow, deny], maxFileSize: 4KB, maxFiles: 100 }");
    for (int run = 0; run < 2; run++) {
      try (RunningServer server = RunningServer.builder(ServerKind.TOMCAT_10, 17)
          .agentOptions("policy=" + policy).workDir(work).start()) {
        for (int i = 0; i < 25; i++) {
          assertEquals(403, RawHttp.get(server.port(), "/api/admin/run" + run + "/" + i).status());
        }
      }
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(file.getParent())) {
      listing.filter(f -> f.getFileName().toString().startsWith("audit.jsonl")).forEach(files::add);
    }
    assertTrue(files.size() > 3, "rotated at 4KB: " + files);
    List<JsonNode> events = new ArrayList<>();
    for (Path f : files) {
      assertTrue(Files.size(f) <= 4096, f + " has " + Files.size(f) + " bytes");
      events.addAll(new AuditFile(f).events());
    }
    assertEquals(50, events.stream().filter(e -> "deny".equals(e.path("event").path("action").asText())).count());
    assertEquals(2, events.stream().filter(e -> "agent-start".equals(e.path("event").path("action").asText())).count());

    List<String> arguments = new ArrayList<>(List.of("audit", "verify"));
    files.forEach(f -> arguments.add(f.toString()));
    AgentCli.Result verify = AgentCli.run(arguments.toArray(String[]::new));
    assertEquals(0, verify.status(), verify.output());
    assertEquals("intact: " + events.size() + " line(s) in " + files.size() + " file(s), seq 1 to " + events.size()
        + "\n", verify.output());
  }

  @Test
  void fullDiskLosesEventsVisiblyWhileTheApplicationKeepsServing() throws Exception {
    Path work = TestPaths.workDir("audit-full-disk");
    // /dev/full fails every write with ENOSPC, exactly as a full disk does.
    Path policy = policy(work, "{ file: /dev/full, events: [allow, deny] }");
    RunningServer server = RunningServer.builder(ServerKind.TOMCAT_10, 17)
        .agentOptions("policy=" + policy).workDir(work).start();
    try {
      for (int i = 0; i < 20; i++) {
        assertEquals(200, RawHttp.get(server.port(), "/api/hello").status());
        assertEquals(403, RawHttp.get(server.port(), "/api/admin/users").status());
      }
      awaitOutput(server, "event(s) could not be written so far (cannot write to /dev/full");
      // SIGTERM through the process handle, which (unlike Process.destroy) keeps reading the
      // server's output, so what the agent prints at shutdown is captured.
      ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroy);
      awaitOutput(server, "could not be written during this run");
    } finally {
      server.close();
    }
    String output = server.output();
    assertTrue(output.contains("No space left on device"), output);
    assertTrue(output.matches("(?s).*audit: (4[1-9]|5\\d) event\\(s\\) could not be written during this run.*"),
        "the count at shutdown covers the 40 requests and the agent's own events:\n" + output);
  }

  private static void awaitOutput(RunningServer server, String text) throws InterruptedException {
    for (int i = 0; i < 400 && !server.output().contains(text); i++) {
      Thread.sleep(25);
    }
    assertTrue(server.output().contains(text), server.output());
  }
}
