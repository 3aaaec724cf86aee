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
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Editing the policy file of a running server (Tomcat 10.1, JDK 17): a valid edit is enforced within
 * 2 seconds, a broken edit keeps the last good policy and is audited as rejected, and a reload may
 * move the audit file. The steps build on each other, in order, on one server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyHotReloadTest {

  private static final String POLICY = """
      version: 1
      rules:
        - name: admin
          match: { path: /api/admin/** }
          action: deny
      %s
      default: allow
      audit: { file: %s, events: [deny] }
      """;
  private static final String HELLO_RULE = """
        - name: hello-closed
          match: { path: /api/hello }
          action: deny
      """;

  private Path work;
  private Path policy;
  private Path auditFile;
  private AuditFile audit;
  private RunningServer server;

  @BeforeAll
  void start() throws IOException {
    work = TestPaths.workDir("hot-reload");
    auditFile = work.resolve("audit.jsonl");
    policy = work.resolve("policy.yaml");
    write(POLICY.formatted("", auditFile));
    server = RunningServer.builder(ServerKind.TOMCAT_10, 17).agentOptions("policy=" + policy).workDir(work).start();
    audit = new AuditFile(auditFile);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Replaces the file the way editors and config tools do: write a new file, then rename it over. */
  private void write(String text) throws IOException {
    Path next = Files.writeString(policy.resolveSibling("policy.yaml.tmp"), text);
    Files.move(next, policy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private int helloStatus() {
    return RawHttp.get(server.port(), "/api/hello").status();
  }

  @Test
  @Order(1)
  void newRuleIsEnforcedWithinTwoSecondsWithoutARestart() throws Exception {
    assertEquals(200, helloStatus());
    long pid = server.pid();

    write(POLICY.formatted(HELLO_RULE, auditFile));
    long written = System.nanoTime();
    int status = helloStatus();
    while (status != 403 && System.nanoTime() - written < 2_000_000_000L) {
      Thread.sleep(20);
      status = helloStatus();
    }
    long millis = (System.nanoTime() - written) / 1_000_000;

    assertEquals(403, status, "the new rule is enforced within 2 s of the edit (waited " + millis + " ms)");
    System.out.println("hot reload: new rule enforced " + millis + " ms after the edit");
    assertEquals(pid, server.pid());
    JsonNode reload = audit.await(e -> "policy-reload".equals(e.path("event").path("action").asText()));
    assertEquals(sha256(policy), reload.path("bulwark").path("policy").path("sha256").asText());
    assertEquals(policy.toString(), reload.path("bulwark").path("policy").path("source").asText());
    assertEquals(64, reload.path("bulwark").path("policy").path("previous_sha256").asText().length());
  }

  @Test
  @Order(2)
  void brokenEditKeepsTheLastGoodPolicyAndIsAuditedWithItsDigest() throws Exception {
    String good = sha256(policy);
    write("""
        version: 1
        rules:
          - name: admin
            match: { path: /api/admin/**, methds: [GET] }
            action: deny
        default: allw
        """);
    String broken = sha256(policy);

    JsonNode reject = audit.await(e -> "policy-reject".equals(e.path("event").path("action").asText()));

    assertEquals(broken, reject.path("bulwark").path("policy").path("sha256").asText());
    assertEquals(good, reject.path("bulwark").path("policy").path("previous_sha256").asText());
    assertTrue(reject.path("message").asText().startsWith("2 problem(s), the current policy stays in force"),
        reject.toString());
    String output = server.output();
    assertTrue(output.contains(policy + ":4:35: rules[0] 'admin'.match: unknown key 'methds' (did you mean"
        + " 'methods'?)"), output);
    assertTrue(output.contains(policy + ":6:10: default: expected one of allow, deny but found 'allw'"), output);
    // The last good policy still decides: /api/hello stays closed, the admin route too.
    assertEquals(403, helloStatus());
    assertEquals(403, RawHttp.get(server.port(), "/api/admin/users").status());
    Thread.sleep(1000);
    assertEquals(1, audit.events(e -> "policy-reject".equals(e.path("event").path("action").asText())).size(),
        "the same broken content is reported once");
  }

  @Test
  @Order(3)
  void fixedEditAppliesAndCanMoveTheAuditFile() throws Exception {
    Path movedAudit = work.resolve("logs/audit-2.jsonl");
    write(POLICY.formatted("", movedAudit));

    AuditFile moved = new AuditFile(movedAudit);
    JsonNode first = moved.await(e -> "policy-reload".equals(e.path("event").path("action").asText()));
    assertEquals(sha256(policy), first.path("bulwark").path("policy").path("sha256").asText());
    assertEquals(200, helloStatus(), "the rule for /api/hello is gone");
    RawHttp.Response denied = RawHttp.get(server.port(), "/api/admin/users");
    assertEquals(403, denied.status());
    String requestId = JSON_ID.matcher(denied.body()).results().findFirst().orElseThrow().group(1);
    moved.await(AuditFile.requestId(requestId));
    assertTrue(audit.events(AuditFile.requestId(requestId)).isEmpty(), "denials now go to the new audit file");
  }

  private static final java.util.regex.Pattern JSON_ID =
      java.util.regex.Pattern.compile("\"requestId\":\"([0-9a-f]{32})\"");

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
