package io.bulwark.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The JDKs child servers run on. The project's own scripts/ensure-jdk.sh finds or installs each
 * (JDK 11 is unpacked from Debian's packages on first use), so a clean machine needs no manual step.
 * A JDK that cannot be provided fails the tests that need it: they are never skipped.
 */
public final class Jdks {

  private static final Map<Integer, Path> HOMES = new ConcurrentHashMap<>();

  private Jdks() {}

  /** The JAVA_HOME of a JDK with this major version. */
  public static Path home(int version) {
    return HOMES.computeIfAbsent(version, Jdks::provide);
  }

  /**
   * The JDK's version as its {@code release} file gives it (e.g. {@code 17.0.15}), for JDKs this
   * run used; {@code "not used"} otherwise.
   */
  public static String describe(int version) {
    Path home = HOMES.get(version);
    if (home == null) {
      return "not used";
    }
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          return line.substring("JAVA_VERSION=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return home.toString();
  }

  public static Path java(int version) {
    return home(version).resolve("bin").resolve("java");
  }

  private static Path provide(int version) {
    if (Runtime.version().feature() == version) {
      return Path.of(System.getProperty("java.home"));
    }
    Path script = TestPaths.repoRoot().resolve("scripts/ensure-jdk.sh");
    try {
      Process process = new ProcessBuilder(script.toString(), String.valueOf(version))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0 || out.isEmpty()) {
        throw new IllegalStateException(script + " " + version + " failed (exit "
            + (process.isAlive() ? "timeout" : process.exitValue()) + "); see the output above."
            + " Set BULWARK_JDK" + version + " to a JDK " + version + " home to use your own.");
      }
      Path home = Path.of(out);
      if (!Files.isExecutable(home.resolve("bin/java"))) {
        throw new IllegalStateException(script + " printed " + home + ", which has no bin/java");
      }
      return home;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
