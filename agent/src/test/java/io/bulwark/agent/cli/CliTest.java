package io.bulwark.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.agent.internal.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private List<String> errLines() {
    return err.toString().lines().toList();
  }

  private Path policy(String text) throws IOException {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void versionNamesBulwarkAndItsBuiltVersion() {
    assertEquals(0, run("--version"));

    assertTrue(out.toString().startsWith("Bulwark " + Version.get() + " "), out.toString());
    assertFalse(Version.get().equals("unknown") || Version.get().contains("${"), Version.get());
  }

  @Test
  void helpListsThePolicyCommand() {
    assertEquals(0, run("--help"));

    assertTrue(out.toString().contains("policy"), out.toString());
    assertTrue(out.toString().contains("Check policy files."), out.toString());
  }

  @Test
  void noArgumentsPrintTheUsage() {
    assertEquals(0, run());

    assertTrue(out.toString().contains("Usage: bulwark-agent.jar"), out.toString());
  }

  @Test
  void validPolicyIsAcceptedWithExitStatus0() throws IOException {
    Path file = policy("""
        version: 1
        mode: monitor
        rules:
          - name: health
            match: { path: /health, methods: [GET] }
            action: allow
        default: deny
        """);

    assertEquals(0, run("policy", "validate", file.toString()));

    assertTrue(out.toString().startsWith(file + ": valid (1 rules, mode monitor, default deny, sha256 "),
        out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void invalidPolicyIsRefusedWithExitStatus1AndFileLineColumnOfEachProblem() throws IOException {
    Path file = policy("""
        version: 1
        mode: enforse
        rules:
          - name: health
            match: { path: /health, methods: ["GE T"] }
            action: allow
        default: deny
        """);

    assertEquals(1, run("policy", "validate", file.toString()));

    List<String> lines = errLines();
    assertEquals(3, lines.size(), err.toString());
    assertTrue(lines.get(0).startsWith(file + ":2:7: mode: "), err.toString());
    assertTrue(lines.get(0).contains("enforse"), err.toString());
    assertTrue(lines.get(1).startsWith(file + ":5:"), err.toString());
    assertTrue(lines.get(1).contains("'GE T'"), err.toString());
    assertEquals(file + ": " + (lines.size() - 1) + " problem(s)", lines.get(lines.size() - 1));
    for (String problem : lines.subList(0, lines.size() - 1)) {
      assertTrue(problem.matches(java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: .+"), problem);
    }
    assertEquals("", out.toString());
  }

  @Test
  void missingPolicyFileIsRefusedWithExitStatus1() {
    Path missing = dir.resolve("missing.yaml");

    assertEquals(1, run("policy", "validate", missing.toString()));

    assertTrue(err.toString().startsWith(missing + ": cannot read the policy file: no such file"), err.toString());
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, run("polcy"));

    assertTrue(err.toString().contains("polcy"), err.toString());
  }
}
