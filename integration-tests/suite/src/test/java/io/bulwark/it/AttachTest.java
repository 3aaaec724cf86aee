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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar bulwark-agent.jar attach <pid>}: a service started without the agent is
 * protected from the next requests on, without a restart, and keeps serving while the agent loads
 * and retransforms its already-loaded classes (a client polling throughout sees no failure).
 */
class AttachTest {

  private static final String POLICY = """
      version: 1
      rules:
        - name: admin
          match: { path: /api/admin/** }
          action: deny
        - name: user-delete
          match: { route: "/api/users/{id}", methods: [DELETE] }
          action: deny
      default: allow
      audit:
        file: %s
      """;

  @Test
  void attachingToTomcatOnJdk17EnforcesWithoutARestart() throws Exception {
    attachAndEnforce(ServerKind.TOMCAT_10, 17, false);
  }

  /** Spring MVC's handler chain was loaded before the attach too: route rules apply after it. */
  @Test
  void attachingToSpringBootOnJdk25EnforcesRouteRulesAndTheJdkWarns() throws Exception {
    attachAndEnforce(ServerKind.SPRING_BOOT, 25, true);
  }

  private void attachAndEnforce(ServerKind kind, int jdk, boolean routes) throws Exception {
    Path work = TestPaths.workDir("attach-" + kind.name().toLowerCase() + "-jdk" + jdk);
    Path auditFile = work.resolve("audit.jsonl");
    Path policy = Files.writeString(work.resolve("policy.yaml"), POLICY.formatted(auditFile));
    try (RunningServer server = RunningServer.builder(kind, jdk).withoutAgent().workDir(work).start()) {
      assertEquals(200, RawHttp.get(server.port(), "/api/admin/users").status(), "no agent yet: the app answers");
      if (routes) {
        assertEquals(200, RawHttp.request(server.port(), "DELETE", "/api/users/7", Map.of()).status());
      }

      AgentCli.Result listed = AgentCli.run("list");
      assertEquals(0, listed.status(), listed.output());
      assertTrue(listed.output().lines().anyMatch(line -> line.startsWith(String.valueOf(server.pid()))),
          "list shows the service: " + listed.output());

      Poller poller = new Poller(server.port());
      poller.start();
      try {
        poller.awaitRequests(20);
        AgentCli.Result attached = AgentCli.run("attach", String.valueOf(server.pid()), "--policy", policy.toString());
        assertEquals(0, attached.status(), attached.output());
        assertTrue(attached.output().contains("Bulwark attached to process " + server.pid()), attached.output());

        RawHttp.Response denied = awaitStatus(server.port(), "/api/admin/users", 403);
        assertTrue(denied.header("Content-Type").startsWith("application/problem+json"), denied::toString);
        int afterEnforcement = poller.requests();
        poller.awaitRequests(afterEnforcement + 20);
      } finally {
        poller.stop();
      }
      assertEquals(List.of(), poller.failures(), "the service kept serving during the attach");

      if (routes) {
        RawHttp.Response delete = RawHttp.request(server.port(), "DELETE", "/api/users/7", Map.of());
        assertEquals(403, delete.status(), delete::toString);
      }
      AuditFile audit = new AuditFile(auditFile);
      JsonNode start = audit.await(e -> "agent-start".equals(e.path("event").path("action").asText()));
      assertEquals("attached to a running JVM", start.path("message").asText());
      JsonNode deny = audit.await(e -> "admin".equals(e.path("event").path("rule").asText()));
      assertEquals("/api/admin/users", deny.path("url").path("path").asText());
      if (routes) {
        JsonNode routed = audit.await(e -> "user-delete".equals(e.path("event").path("rule").asText()));
        assertEquals("/api/users/{id}", routed.path("http").path("route").asText());
      }
      boolean warned = server.output().contains("A Java agent has been loaded dynamically");
      assertEquals(jdk >= 21, warned,
          "JDK 21+ warns about a dynamically loaded agent (see README):\n" + server.output());
      assertFalse(server.output().contains("ERROR"), server.output());
    }
  }

  private static RawHttp.Response awaitStatus(int port, String path, int status) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    RawHttp.Response response;
    do {
      response = RawHttp.get(port, path);
      if (response.status() == status) {
        return response;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + " never answered " + status + "; last: " + response);
  }

  /** GET /api/hello in a loop on its own thread, recording every answer that is not 200 "hello". */
  private static final class Poller {
    private static final int MAX_REQUESTS = 20_000;
    private final int port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private final Thread thread;

    Poller(int port) {
      this.port = port;
      this.thread = new Thread(this::run, "attach-poller");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    private void run() {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (running.get() && requests.get() < MAX_REQUESTS && System.nanoTime() < deadline) {
        try {
          RawHttp.Response response = RawHttp.get(port, "/api/hello");
          if (response.status() != 200 || !"hello".equals(response.body())) {
            record(response.toString());
          }
        } catch (RuntimeException e) {
          record(e.toString());
        }
        requests.incrementAndGet();
      }
    }

    private synchronized void record(String failure) {
      if (failures.size() < 20) {
        failures.add(failure);
      }
    }

    int requests() {
      return requests.get();
    }

    void awaitRequests(int count) throws InterruptedException {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (requests.get() < count && thread.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(requests.get() >= count, "the poller made " + requests.get() + " requests, expected " + count);
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
    }

    synchronized List<String> failures() {
      return List.copyOf(failures);
    }
  }
}
