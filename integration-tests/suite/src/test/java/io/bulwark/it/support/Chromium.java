package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium, provided by the project's scripts/ensure-chromium.sh (Debian's chromium package
 * on first use). A browser that cannot be provided fails the test that needs it; it is never skipped.
 */
public final class Chromium {

  private static Path executable;

  private Chromium() {}

  private static synchronized Path executable() {
    if (executable == null) {
      Path script = TestPaths.repoRoot().resolve("scripts/ensure-chromium.sh");
      try {
        Process process = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0 || out.isEmpty()) {
          throw new IllegalStateException(script + " failed; see the output above, or set BULWARK_CHROMIUM");
        }
        executable = Path.of(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return executable;
  }

  /** The DOM of {@code url} after its scripts ran, as {@code --dump-dom} prints it. */
  public static String dumpDom(String url, Path work) {
    return run(work, "--dump-dom", url);
  }

  /** Takes a PNG screenshot of {@code url}. */
  public static void screenshot(String url, Path png, Path work) {
    run(work, "--screenshot=" + png, "--window-size=1400,2400", "--hide-scrollbars", url);
  }

  private static String run(Path work, String... args) {
    try {
      Path profile = Files.createTempDirectory(work, "chromium-profile-");
      List<String> command = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
          "--disable-dev-shm-usage", "--user-data-dir=" + profile));
      command.addAll(List.of(args));
      Path log = work.resolve("chromium.log");
      Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not finish; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("chromium exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
