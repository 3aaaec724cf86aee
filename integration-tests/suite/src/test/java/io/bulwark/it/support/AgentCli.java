package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar bulwark-agent.jar ...} in a child JVM, as an operator runs it. */
public final class AgentCli {

  /** Exit status and everything printed (standard output and error, interleaved). */
  public record Result(int status, String output) {}

  private AgentCli() {}

  public static Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Jdks.java(17).toString());
    command.add("-jar");
    command.add(TestPaths.agentJar().toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish; output:\n" + output);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
