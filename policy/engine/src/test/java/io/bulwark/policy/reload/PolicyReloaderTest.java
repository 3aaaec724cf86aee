package io.bulwark.policy.reload;

import static io.bulwark.policy.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.audit.SwitchingAuditLog;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.reload.PolicyReloader.Outcome;
import io.bulwark.policy.testing.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {

  private static final String POLICY = """
      version: 1
      rules:
        - { name: %s, match: { path: /admin/** }, action: deny }
      default: allow
      audit: { file: %s }
      """;

  @TempDir
  Path dir;

  private Path file;
  private Path auditFile;
  private SwitchingAuditLog audit;
  private BulwarkEngine engine;
  private PolicyReloader reloader;
  private long clock = 1_700_000_000_000L;

  @BeforeEach
  void start() throws Exception {
    auditFile = dir.resolve("audit.jsonl");
    file = dir.resolve("policy.yaml");
    write(POLICY.formatted("admin", auditFile));
    Policy policy = PolicyLoader.load(file);
    audit = new SwitchingAuditLog(policy.audit());
    engine = new BulwarkEngine(policy, audit);
    reloader = new PolicyReloader(file, engine, audit, "test");
  }

  @AfterEach
  void stop() {
    audit.close();
  }

  /** Writes the file and moves its time on, as an editor saving it a moment later would. */
  private void write(String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    clock += 1000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
  }

  private Outcome settle() {
    Outcome first = reloader.check();
    Outcome second = reloader.check();
    assertEquals(Outcome.WAITING, first, "a changed file is read once it has stayed put for a check");
    return second;
  }

  private List<Map<String, Object>> events(Path path) {
    audit.close();
    return Json.lines(path);
  }

  @Test
  void unchangedFileIsLeftAlone() {
    for (int i = 0; i < 40; i++) {
      assertEquals(Outcome.UNCHANGED, reloader.check());
    }
  }

  @Test
  void validChangeReplacesThePolicyAndIsAuditedWithBothDigests() throws Exception {
    String before = engine.policy().sha256();
    write(POLICY.formatted("admin-v2", auditFile));

    assertEquals(Outcome.RELOADED, settle());

    Policy now = engine.policy();
    assertEquals("admin-v2", now.rules().get(0).name());
    Map<String, Object> event = events(auditFile).get(0);
    assertEquals("policy-reload", at(event, "event.action"));
    assertEquals(now.sha256(), at(event, "bulwark.policy.sha256"));
    assertEquals(PolicyLoader.sha256(Files.readAllBytes(file)), now.sha256());
    assertEquals(before, at(event, "bulwark.policy.previous_sha256"));
    assertEquals(file.toString(), at(event, "bulwark.policy.source"));
    assertTrue(((String) at(event, "message")).startsWith("policy reloaded: 1 rules, mode enforce, default allow"));
  }

  @Test
  void brokenChangeKeepsThePolicyAndIsAuditedOnce() throws Exception {
    Policy kept = engine.policy();
    write("version: 1\nrules:\n  - { name: x, match: { path: /x }, acton: deny }\ndefault: alow\n");
    String brokenSha = PolicyLoader.sha256(Files.readAllBytes(file));

    assertEquals(Outcome.REJECTED, settle());
    for (int i = 0; i < 2 * PolicyReloader.CONTENT_CHECK_EVERY; i++) {
      assertEquals(Outcome.UNCHANGED, reloader.check(), "the same broken content is reported once");
    }

    assertEquals(kept, engine.policy());
    List<Map<String, Object>> events = events(auditFile);
    assertEquals(1, events.size(), events.toString());
    Map<String, Object> event = events.get(0);
    assertEquals("policy-reject", at(event, "event.action"));
    assertEquals(brokenSha, at(event, "bulwark.policy.sha256"));
    assertEquals(kept.sha256(), at(event, "bulwark.policy.previous_sha256"));
    assertTrue(((String) at(event, "message")).startsWith("3 problem(s), the current policy stays in force; first: "
        + file + ":3:"), (String) at(event, "message"));
  }

  @Test
  void fixingABrokenChangeAppliesIt() throws Exception {
    write("version: one\n");
    assertEquals(Outcome.REJECTED, settle());
    write(POLICY.formatted("fixed", auditFile));
    assertEquals(Outcome.RELOADED, settle());
    assertEquals("fixed", engine.policy().rules().get(0).name());
  }

  @Test
  void movedAuditFileGetsTheReloadEventOnBothSidesAndNothingIsLost() throws Exception {
    Path next = dir.resolve("logs/next-audit.jsonl");
    write(POLICY.formatted("admin", next));

    assertEquals(Outcome.RELOADED, settle());

    assertEquals(next, audit.file());
    List<Map<String, Object>> old = Json.lines(auditFile);
    audit.close();
    List<Map<String, Object>> fresh = Json.lines(next);
    assertEquals("policy-reload", at(old.get(old.size() - 1), "event.action"));
    assertTrue(((String) at(old.get(old.size() - 1), "message")).endsWith("the audit continues in " + next));
    assertEquals("policy-reload", at(fresh.get(0), "event.action"));
    assertEquals(1L, at(fresh.get(0), "bulwark.seq"));
    assertEquals(at(old.get(old.size() - 1), "bulwark.policy.sha256"), at(fresh.get(0), "bulwark.policy.sha256"));
    assertEquals(0, audit.lost());
  }

  @Test
  void deletedFileKeepsThePolicyAndIsReportedOnceThenARecreatedFileIsLoaded() throws Exception {
    Policy kept = engine.policy();
    Files.delete(file);

    assertEquals(Outcome.REJECTED, settle());
    for (int i = 0; i < 2 * PolicyReloader.CONTENT_CHECK_EVERY; i++) {
      assertEquals(Outcome.UNCHANGED, reloader.check());
    }
    assertEquals(kept, engine.policy());

    write(POLICY.formatted("back", auditFile));
    assertEquals(Outcome.RELOADED, settle());
    List<Map<String, Object>> events = events(auditFile);
    assertEquals(List.of("policy-reject", "policy-reload"), events.stream().map(e -> at(e, "event.action")).toList());
    assertNull(at(events.get(0), "bulwark.policy.sha256"));
  }

  @Test
  void rewriteKeepingSizeAndTimeIsFoundByTheContentCheck() throws Exception {
    FileTime time = Files.getLastModifiedTime(file);
    Files.writeString(file, POLICY.formatted("nimda", auditFile)); // same length as "admin"
    Files.setLastModifiedTime(file, time);

    Outcome outcome = Outcome.UNCHANGED;
    for (int i = 0; i < PolicyReloader.CONTENT_CHECK_EVERY && outcome == Outcome.UNCHANGED; i++) {
      outcome = reloader.check();
    }

    assertEquals(Outcome.RELOADED, outcome);
    assertEquals("nimda", engine.policy().rules().get(0).name());
  }

  @Test
  void touchingTheFileWithoutChangingItIsNotAReload() throws Exception {
    write(Files.readString(file));
    assertEquals(Outcome.UNCHANGED, settle());
    assertEquals(List.of(), events(auditFile));
  }
}
