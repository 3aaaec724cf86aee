package io.bulwark.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify | summary | report} on a file written by the real writer. */
class AuditCommandTest {

  @TempDir
  Path dir;

  private Path file;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @BeforeEach
  void writeEvents() {
    file = dir.resolve("audit.jsonl");
    AsyncAuditWriter writer = new AsyncAuditWriter(file);
    writer.record(AuditEvent.of("agent-start").with(AuditField.MESSAGE, "started"));
    for (int i = 0; i < 6; i++) {
      writer.record(AuditEvent.of(i < 4 ? "deny" : "allow").with(AuditField.HTTP_REQUEST_ID, "r" + i)
          .with(AuditField.EVENT_RULE, i < 4 ? "admin" : "orders")
          .with(AuditField.EVENT_REASON, i < 4 ? "rule.deny" : "rule")
          .with(AuditField.URL_PATH, i < 4 ? "/api/admin/stats" : "/api/orders")
          .with(AuditField.CLIENT_IP, i % 2 == 0 ? "203.0.113.9" : "198.51.100.1\u001b[2J"));
    }
    writer.close();
  }

  @Test
  void verifyOfAnIntactFileExitsZero() {
    assertEquals(0, run("audit", "verify", file.toString()));

    assertEquals("intact: 7 line(s) in 1 file(s), seq 1 to 7\n", out.toString());
  }

  @Test
  void verifyOfATamperedFileNamesTheFirstProblemAndExitsOne() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    lines.set(2, lines.get(2).replace("admin", "orders"));
    Collections.swap(lines, 4, 5);
    Files.write(file, lines, StandardCharsets.ISO_8859_1);

    assertEquals(1, run("audit", "verify", file.toString()));

    List<String> problems = err.toString().lines().toList();
    assertEquals(file + ":3: edited: the line (seq 3) does not match its hash", problems.get(0));
    assertTrue(problems.get(problems.size() - 1)
        .startsWith("BROKEN: 3 problem(s) in 7 line(s); the first: " + file + ":3:"), err.toString());
  }

  @Test
  void verifyOfAMissingFileIsAUsageError() {
    assertEquals(2, run("audit", "verify", dir.resolve("nope.jsonl").toString()));

    assertTrue(err.toString().contains("nope.jsonl: cannot read the audit file"), err.toString());
  }

  @Test
  void summaryCountsActionsAndTopValuesAndPrintsThemSafely() {
    assertEquals(0, run("audit", "summary", file.toString()));

    String text = out.toString();
    assertTrue(text.startsWith("Audit summary: 7 event(s) in 1 file(s), "), text);
    assertTrue(text.contains("By action:\n         4  deny\n         2  allow\n         1  agent-start\n"), text);
    assertTrue(text.contains("Top rules:\n         4  admin\n         2  orders\n"), text);
    assertTrue(text.contains("Top categories:\n         6  rule\n"), text);
    assertTrue(text.contains("198.51.100.1\\u001b[2J"), "the escape sequence is shown, not obeyed: " + text);
    assertFalse(text.contains("\u001b"), text);
  }

  @Test
  void reportIsOneSelfContainedHtmlFile() throws Exception {
    Path html = dir.resolve("out/report.html");

    assertEquals(0, run("audit", "report", file.toString(), "-o", html.toString()));

    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains("default-src 'none'"), "a Content-Security-Policy forbids every fetch");
    assertFalse(page.matches("(?s).*(src|href)=\"https?:.*"), "nothing is loaded from the network");
    assertFalse(page.contains("\u001b"), "data is escaped inside the page");
    assertTrue(page.contains("\"intact\":true"), page);
  }
}
