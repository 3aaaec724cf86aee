package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AuditFile;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.ServerKind;
import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * How the agent finds its policy at start-up, and what happens when it cannot use it: never
 * silently nothing. One server start per case, on Tomcat 10.1.
 */
class PolicyStartupTest {

  private static final String DENY_ADMIN = """
      version: 1
      mode: %s
      rules:
        - name: admin
          match: { path: /api/admin/** }
          action: deny
      default: allow
      audit:
        file: %s
      """;

  private static RunningServer start(Path work, RunningServer.Builder builder) {
    return builder.workDir(work).start();
  }

  @Test
  void invalidPolicyIsReportedWithFileLineAndColumnThenTheBuiltInPolicyApplies() throws IOException {
    Path work = TestPaths.workDir("invalid-policy");
    Path policy = Files.writeString(work.resolve("policy.yaml"), """
        version: 1
        rules:
          - name: admin
            match: { path: /api/admin/** }
            acton: deny
        default: dney
        """);
    try (RunningServer server = start(work, RunningServer.builder(ServerKind.TOMCAT_10, 17)
        .agentOptions("policy=" + policy))) {
      String output = server.output();
      assertTrue(output.contains(policy + ":5:5: rules[0]: unknown key 'acton' (did you mean 'action'?)"), output);
      assertTrue(output.contains(policy + ":6:10: default: expected one of allow, deny but found 'dney'"), output);
      assertTrue(output.contains("the built-in policy applies"), output);
      // The built-in policy denies no route: the admin handler answers.
      assertEquals(200, RawHttp.get(server.port(), "/api/admin/users").status());
      // ...but still refuses ambiguous paths, and audits to ./bulwark-audit.jsonl.
      RawHttp.Response refused = RawHttp.get(server.port(), "/api/hello/..;/admin/users");
      assertEquals(400, refused.status(), refused::toString);
      new AuditFile(work.resolve("bulwark-audit.jsonl"))
          .await(e -> "deny".equals(e.path("event").path("action").asText()));
    }
  }

  @Test
  void missingPolicyFileIsReportedThenTheBuiltInPolicyApplies() {
    Path work = TestPaths.workDir("missing-policy");
    Path missing = work.resolve("nowhere.yaml");
    try (RunningServer server = start(work, RunningServer.builder(ServerKind.TOMCAT_10, 17)
        .agentOptions("policy=" + missing))) {
      assertTrue(server.output().contains(missing + ": cannot read the policy file: no such file"), server.output());
      assertEquals(200, RawHttp.get(server.port(), "/api/admin/users").status());
    }
  }

  @Test
  void noPolicyMeansTheBuiltInPolicy() {
    Path work = TestPaths.workDir("no-policy");
    try (RunningServer server = start(work, RunningServer.builder(ServerKind.TOMCAT_10, 17))) {
      assertTrue(server.output().contains("using the built-in policy"), server.output());
      assertEquals(200, RawHttp.get(server.port(), "/api/hello").status());
      JsonNode started = new AuditFile(work.resolve("bulwark-audit.jsonl"))
          .await(e -> "agent-start".equals(e.path("event").path("action").asText()));
      assertEquals("<built-in policy>", started.path("bulwark").path("policy").path("source").asText());
    }
  }

  @Test
  void policyFromSystemPropertyIsUsed() throws IOException {
    Path work = TestPaths.workDir("sysprop-policy");
    Path policy =
        Files.writeString(work.resolve("policy.yaml"), DENY_ADMIN.formatted("enforce", work.resolve("audit.jsonl")));
    try (RunningServer server = start(work, RunningServer.builder(ServerKind.TOMCAT_10, 17)
        .jvmOption("-Dbulwark.policy=" + policy))) {
      assertEquals(403, RawHttp.get(server.port(), "/api/admin/users").status());
    }
  }

  @Test
  void policyFromEnvironmentIsUsed() throws IOException {
    Path work = TestPaths.workDir("env-policy");
    Path policy =
        Files.writeString(work.resolve("policy.yaml"), DENY_ADMIN.formatted("enforce", work.resolve("audit.jsonl")));
    try (RunningServer server = start(work, RunningServer.builder(ServerKind.TOMCAT_10, 17)
        .environment("BULWARK_POLICY", policy.toString()))) {
      assertEquals(403, RawHttp.get(server.port(), "/api/admin/users").status());
    }
  }

  @Test
  void monitorModeAuditsWhatItWouldBlockAndBlocksNothing() throws IOException {
    Path work = TestPaths.workDir("monitor");
    Path auditFile = work.resolve("audit.jsonl");
    Path policy = Files.writeString(work.resolve("policy.yaml"), DENY_ADMIN.formatted("monitor", auditFile));
    try (RunningServer server = start(work, RunningServer.builder(ServerKind.TOMCAT_10, 17)
        .agentOptions("policy=" + policy))) {
      RawHttp.Response response = RawHttp.get(server.port(), "/api/admin/users");
      assertEquals(200, response.status(), response::toString);
      assertEquals("admin secret", response.body());
      JsonNode event = new AuditFile(auditFile).await(e -> "monitor".equals(e.path("event").path("action").asText()));
      assertEquals("admin", event.path("event").path("rule").asText());
      assertEquals("monitor", event.path("event").path("mode").asText());
      assertEquals(403, event.path("bulwark").path("would_status").asInt());
      assertTrue(event.path("http").path("response").path("status_code").isMissingNode(),
          "a monitor event does not claim a response status it did not send");
    }
  }

  @Test
  void auditIsFlushedWhenTheJvmStops() throws IOException {
    Path work = TestPaths.workDir("shutdown");
    Path auditFile = work.resolve("audit.jsonl");
    Path policy = Files.writeString(work.resolve("policy.yaml"), DENY_ADMIN.formatted("enforce", auditFile));
    RunningServer server =
        start(work, RunningServer.builder(ServerKind.TOMCAT_10, 17).agentOptions("policy=" + policy));
    for (int i = 0; i < 20; i++) {
      assertEquals(403, RawHttp.get(server.port(), "/api/admin/" + i).status());
    }
    server.close();
    AuditFile audit = new AuditFile(auditFile);
    assertEquals(20, audit.events(e -> "deny".equals(e.path("event").path("action").asText())).size());
    assertEquals("agent-stop", audit.events().get(audit.events().size() - 1).path("event").path("action").asText());
  }
}
