package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.IdentityProvider;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import io.bulwark.it.support.TricklingServer;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Bulwark failing inside a real server (Tomcat 10.1 with the built agent): the engine meeting an
 * exception on every request, an identity provider that hangs mid-answer, and an audit disk that
 * stops answering. In each case the application keeps serving, the policy's onAgentError decides
 * (fail-open by default, fail-closed when it says deny), and the failure is audited once, not once
 * per request.
 */
class FailureInjectionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> FAULT = Map.of("X-Test-Fault", "throw");

  private static String policy(String onAgentError, String extraIdentities, String audit, String auditExtra) {
    return """
        version: 1
        onAgentError: %s
        identities:
          jwt:
            issuer: %s
            audiences: [%s]
            %s
        rules:
          - name: health
            match: { path: /public/** }
            action: allow
          - name: hello
            match: { path: /api/hello }
            require: { auth: [jwt] }
        default: allow
        audit:
          file: %s
          events: [allow, deny, error]
          %s
        """.formatted(onAgentError, IdentityProvider.ISSUER, IdentityProvider.AUDIENCE, extraIdentities, audit,
        auditExtra);
  }

  private static RunningServer start(Path work, String policyText) throws Exception {
    Path policy = Files.writeString(work.resolve("policy.yaml"), policyText);
    return RunningServer.builder(ServerKind.TOMCAT_10, 17).workDir(work).agentOptions("policy=" + policy)
        .jvmOption("-Dit.faults=true").start();
  }

  private static long count(String text, String needle) {
    long n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static int hellos(RunningServer server) throws Exception {
    JsonNode counts = JSON.readTree(RawHttp.get(server.port(), "/__counts").body());
    return counts.path("hello").asInt(0);
  }

  /** A request that breaks the engine after authentication (its header names cannot be listed). */
  private static Map<String, String> engineFault(String token) {
    return Map.of("X-Test-Fault", "throw", "Authorization", "Bearer " + token);
  }

  @Test
  void anEngineFailureOnEveryRequestFailsOpenAndIsAuditedOnce() throws Exception {
    Path work = TestPaths.workDir("faults-open");
    Path auditPath = work.resolve("audit.jsonl");
    try (IdentityProvider idp = new IdentityProvider();
        RunningServer server = start(work, policy("allow", "jwks: " + idp.jwksUrl(), auditPath.toString(), ""))) {
      AuditFile audit = new AuditFile(auditPath);
      String token = idp.token("alice", List.of(), null);
      for (int i = 0; i < 20; i++) {
        RawHttp.Response response = RawHttp.request(server.port(), "GET", "/api/hello", engineFault(token));
        assertEquals(200, response.status(), "fail-open: the application answers\n" + response);
        assertEquals("hello", response.body());
      }
      assertEquals(20, hellos(server));
      // Requests that do not fail are still decided by the policy.
      assertEquals(401, RawHttp.get(server.port(), "/api/hello").status());
      assertEquals(200,
          RawHttp.request(server.port(), "GET", "/api/hello", Map.of("Authorization", "Bearer " + token)).status());

      audit.await(e -> "deny".equals(e.path("event").path("action").asText()));
      List<JsonNode> errors = audit.events(e -> "error".equals(e.path("event").path("action").asText()));
      assertEquals(1, errors.size(), "one error event for twenty failing requests: " + errors);
      assertEquals("agent.error", errors.get(0).path("event").path("reason").asText());
      assertEquals("java.lang.IllegalStateException", errors.get(0).path("error").path("type").asText());
      assertEquals(1, count(server.output(), "internal error in engine"), server.output());
    }
  }

  /**
   * Fail-open never extends to authentication: a credential whose check throws is refused, so a
   * client cannot pass a rule that requires authentication by sending what breaks the verifier.
   */
  @Test
  void aCredentialThatCannotBeCheckedIsRefusedEvenWhenTheAgentFailsOpen() throws Exception {
    Path work = TestPaths.workDir("faults-credential");
    Path auditPath = work.resolve("audit.jsonl");
    try (IdentityProvider idp = new IdentityProvider();
        RunningServer server = start(work, policy("allow", "jwks: " + idp.jwksUrl(), auditPath.toString(), ""))) {
      String token = idp.token("alice", List.of(), null);
      for (int i = 0; i < 5; i++) {
        RawHttp.Response response = RawHttp.request(server.port(), "GET", "/api/hello",
            Map.of("X-Test-Fault", "credential", "Authorization", "Bearer " + token));
        assertEquals(401, response.status(), "refused, not waved through\n" + response);
        assertTrue(response.header("WWW-Authenticate").contains("error=\"invalid_token\""), response.toString());
      }
      assertEquals(0, hellos(server), "the application never saw the unverified requests");
      assertEquals(200,
          RawHttp.request(server.port(), "GET", "/api/hello", Map.of("Authorization", "Bearer " + token)).status());
      AuditFile audit = new AuditFile(auditPath);
      audit.await(e -> "allow".equals(e.path("event").path("action").asText()));
      assertEquals(5, audit.events(e -> "jwt.error".equals(e.path("event").path("reason").asText())
          && "deny".equals(e.path("event").path("action").asText())).size());
      assertFalse(Files.readString(auditPath).contains(token), "the token never reaches the audit file");
      assertEquals(1, count(server.output(), "internal error in authentication (jwt)"), server.output());
    }
  }

  @Test
  void anEngineFailureFailsClosedWhenThePolicySaysDeny() throws Exception {
    Path work = TestPaths.workDir("faults-closed");
    Path auditPath = work.resolve("audit.jsonl");
    try (IdentityProvider idp = new IdentityProvider();
        RunningServer server = start(work, policy("deny", "jwks: " + idp.jwksUrl(), auditPath.toString(), ""))) {
      String token = idp.token("alice", List.of(), null);
      for (int i = 0; i < 10; i++) {
        RawHttp.Response response = RawHttp.request(server.port(), "GET", "/api/hello", engineFault(token));
        assertEquals(503, response.status(), response.toString());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertTrue(response.body().contains("urn:bulwark:problem:"), response.body());
      }
      assertEquals(0, hellos(server), "a fail-closed failure never reaches the application");
      assertEquals(200, RawHttp.get(server.port(), "/public/health").status(), "the service keeps serving");
      AuditFile audit = new AuditFile(auditPath);
      audit.await(e -> "/public/health".equals(e.path("url").path("path").asText()));
      assertEquals(1, audit.events(e -> "error".equals(e.path("event").path("action").asText())).size());
    }
  }

  @Test
  void aHungIdentityProviderCostsItsTimeoutAndTheServiceKeepsServing() throws Exception {
    Path work = TestPaths.workDir("faults-idp");
    Path auditPath = work.resolve("audit.jsonl");
    try (TricklingServer idp = new TricklingServer(); IdentityProvider signer = new IdentityProvider();
        RunningServer server = start(work, policy("allow", "jwks: " + idp.url("/jwks.json") + "\n    jwksTimeout: 1s",
            auditPath.toString(), ""))) {
      String token = signer.token("alice", List.of(), null);
      ExecutorService clients = Executors.newFixedThreadPool(6);
      try {
        List<Future<RawHttp.Response>> guarded = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          guarded.add(clients.submit(() -> RawHttp.request(server.port(), "GET", "/api/hello",
              Map.of("Authorization", "Bearer " + token))));
        }
        for (int i = 0; i < 10; i++) {
          assertEquals(200, RawHttp.get(server.port(), "/public/health").status(),
              "unguarded routes keep being served");
        }
        for (Future<RawHttp.Response> response : guarded) {
          // RawHttp gives up after 20 s; the key server trickles for a minute.
          RawHttp.Response answer = response.get(60, TimeUnit.SECONDS);
          assertEquals(503, answer.status(), "keys unavailable: never a pass\n" + answer);
        }
      } finally {
        clients.shutdownNow();
      }
      AuditFile audit = new AuditFile(auditPath);
      audit.await(e -> "jwt.keys-unavailable".equals(e.path("event").path("reason").asText()));
      assertEquals(0, audit.events(e -> "error".equals(e.path("event").path("action").asText())).size());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void anAuditDiskThatStopsAnsweringDoesNotStopTheServiceAndTheLossIsAuditedOnce() throws Exception {
    Path work = TestPaths.workDir("faults-audit");
    Path fifo = work.resolve("audit.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
    int requests = 150;
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.toFile()),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "audit-disk");
    try (IdentityProvider idp = new IdentityProvider();
        RunningServer server = start(work, policy("allow", "jwks: " + idp.jwksUrl(), fifo.toString(),
            "queueSize: 16\n  queueFullWait: 200ms"))) {
      // Nobody reads the pipe: the writer blocks opening it, as on a hung mount.
      for (int i = 0; i < requests; i++) {
        assertEquals(200, RawHttp.get(server.port(), "/public/health").status());
      }
      reader.start(); // the disk answers again
      assertEquals(200, RawHttp.get(server.port(), "/public/health").status());
      server.close(); // agent-stop carries the run's totals
      reader.join(TimeUnit.SECONDS.toMillis(30));
    }
    Files.write(work.resolve("audit-read.jsonl"), lines);
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      events.add(JSON.readTree(line));
    }
    List<JsonNode> losses =
        events.stream().filter(e -> "audit-loss".equals(e.path("event").path("action").asText())).toList();
    assertEquals(1, losses.size(), "one audit-loss event, not one per request: " + losses);
    assertEquals("audit.queue-full", losses.get(0).path("event").path("reason").asText());
    long lost = losses.get(0).path("bulwark").path("audit").path("lost").asLong();
    long allowed = events.stream().filter(e -> "allow".equals(e.path("event").path("action").asText())).count();
    assertTrue(lost > 0, "events were lost while the disk hung");
    assertEquals(requests + 1, allowed + lost, "every request's event is in the file or counted in the loss");
    JsonNode stop = events.stream().filter(e -> "agent-stop".equals(e.path("event").path("action").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no agent-stop event in " + lines));
    assertEquals(lost, stop.path("bulwark").path("audit").path("lost").asLong());
  }
}
