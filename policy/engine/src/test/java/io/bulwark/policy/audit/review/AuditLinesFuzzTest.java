package io.bulwark.policy.audit.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Any audit file, as {@code audit verify}, {@code audit summary} and {@code audit report} read it
 * (the lines carry what attackers sent: paths, queries, headers): reading never throws, a file that
 * verifies has as many lines as were read, and nothing in a line can close the report's script
 * element (the report embeds the events in one). Seeded with lines of the demo's audit sample.
 */
class AuditLinesFuzzTest {

  private static final Path DIR = tempDir();
  private static final int TEMPLATE_SCRIPT_ENDS = scriptEnds(render(new byte[0]));

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("bulwark-audit-fuzz");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest
  void anyAuditFile(byte[] bytes) throws Exception {
    Path file = write(bytes);
    ChainVerifier.Result result = ChainVerifier.verify(List.of(file));
    if (result.intact()) {
      assertTrue(result.problems.isEmpty());
    }
    AuditSummary summary = AuditSummary.of(List.of(file), null);
    StringWriter text = new StringWriter();
    SummaryText.print(summary, 5, new PrintWriter(text));
    assertEquals(TEMPLATE_SCRIPT_ENDS, scriptEnds(render(bytes)), "an event closed the report's script element");
  }

  private static Path write(byte[] bytes) {
    try {
      Path file = DIR.resolve("audit.jsonl");
      Files.write(file, bytes);
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String render(byte[] bytes) {
    try {
      return HtmlReport.render(List.of(write(bytes)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int scriptEnds(String html) {
    String lower = html.toLowerCase(Locale.ROOT);
    int count = 0;
    for (int i = lower.indexOf("</script"); i >= 0; i = lower.indexOf("</script", i + 1)) {
      count++;
    }
    return count;
  }
}
