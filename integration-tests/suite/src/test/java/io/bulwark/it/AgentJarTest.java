package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.it.support.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The built agent jar: its manifest, its layout (what an application could see), its command line. */
class AgentJarTest {

  /**
   * The jar carries the engine's libraries (relocated): CEL with Guava and protobuf for when:
   * conditions is the largest part (about 7 MB), then Byte Buddy, Nimbus, Caffeine, IPAddress.
   */
  private static final long MAX_JAR_BYTES = 24L * 1024 * 1024;

  record Run(int exit, String out) {}

  static Run cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", TestPaths.agentJar().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Run(process.exitValue(), out);
  }

  @Test
  void manifestDeclaresAgentAndCommandLineEntryPoints() throws IOException {
    try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("io.bulwark.agent.BulwarkAgent", main.getValue("Premain-Class"));
      assertEquals("io.bulwark.agent.BulwarkAgent", main.getValue("Agent-Class"));
      assertEquals("io.bulwark.agent.BulwarkAgent", main.getValue("Main-Class"));
      assertEquals("true", main.getValue("Can-Retransform-Classes"));
    }
  }

  /** Only the bridge and the entry point are loadable classes; everything else is hidden data. */
  @Test
  void onlyTheBridgeAndTheEntryPointAreVisibleClasses() throws IOException {
    List<String> visible = new ArrayList<>();
    int hidden = 0;
    try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
      for (JarEntry entry : java.util.Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.endsWith(".class")) {
          visible.add(name);
        } else if (name.startsWith("bulwark/inst/")) {
          hidden++;
        } else if (!entry.isDirectory() && !name.equals("META-INF/MANIFEST.MF")) {
          visible.add(name);
        }
      }
    }
    for (String name : visible) {
      assertTrue(name.startsWith("io/bulwark/bridge/") || name.startsWith("io/bulwark/agent/BulwarkAgent")
          || name.startsWith("io/bulwark/agent/AgentClassLoader"), "visible to applications: " + name);
    }
    assertTrue(hidden > 1000, "the engine and its libraries live under bulwark/inst/: " + hidden);
    assertTrue(Files.size(TestPaths.agentJar()) < MAX_JAR_BYTES,
        "agent jar is " + Files.size(TestPaths.agentJar()) + " bytes");
  }

  @Test
  void versionAndHelp() throws Exception {
    Run version = cli("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().matches("(?s)Bulwark \\d+\\.\\d+\\.\\d+.*"), version.out());
    Run help = cli("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("policy"), help.out());
  }

  @Test
  void policyValidateExitsZeroForTheDemoPolicyAndOneWithLocationsForABadOne() throws Exception {
    Run valid = cli("policy", "validate", TestPaths.repoRoot().resolve("examples/demo/policy.yaml").toString());
    assertEquals(0, valid.exit(), valid.out());
    assertTrue(valid.out().contains("valid (5 rules"), valid.out());

    Path bad = Files.writeString(TestPaths.workDir("cli").resolve("bad.yaml"), "version: 1\nmode: enforcing\n");
    Run invalid = cli("policy", "validate", bad.toString());
    assertEquals(1, invalid.exit(), invalid.out());
    assertTrue(invalid.out().contains(bad + ":2:7: mode: expected one of enforce, monitor but found 'enforcing'"),
        invalid.out());
  }
}
