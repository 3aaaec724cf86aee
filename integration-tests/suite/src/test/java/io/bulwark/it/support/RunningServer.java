package io.bulwark.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test server running in a child JVM, optionally with the Bulwark agent. Its output (stdout and
 * stderr) is kept in memory and in {@code server.log} of its work folder.
 */
public final class RunningServer implements AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 120;

  private final Process process;
  private final int port;
  private final StringBuffer output;
  private final Path log;

  private RunningServer(Process process, int port, StringBuffer output, Path log) {
    this.process = process;
    this.port = port;
    this.output = output;
    this.log = log;
  }

  public static Builder builder(ServerKind kind, int jdk) {
    return new Builder(kind, jdk);
  }

  public int port() {
    return port;
  }

  /** Everything the server printed so far. */
  public String output() {
    return output.toString();
  }

  /** The HTTPS port the server announced ("LISTENING_TLS <port>"), when it has a TLS connector. */
  public int tlsPort() {
    for (String line : output().split("\n")) {
      if (line.startsWith("LISTENING_TLS ")) {
        return Integer.parseInt(line.substring("LISTENING_TLS ".length()).trim());
      }
    }
    throw new IllegalStateException("the server has no TLS connector; output:\n" + output());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Stops the server the way an operator would (SIGTERM, so shutdown hooks run), then forcibly. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** How to start one server. */
  public static final class Builder {
    private final ServerKind kind;
    private final int jdk;
    private String agentOptions;
    private boolean agent = true;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path workDir;
    private boolean startupFlags = true;

    private Builder(ServerKind kind, int jdk) {
      this.kind = kind;
      this.jdk = jdk;
    }

    /** Agent options after {@code =} in {@code -javaagent:bulwark-agent.jar=...}. */
    public Builder agentOptions(String options) {
      this.agentOptions = options;
      return this;
    }

    public Builder withoutAgent() {
      this.agent = false;
      return this;
    }

    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /**
     * For measurements: the JVM runs with its usual compilers and the heap given by {@code -Xmx}
     * in {@link #jvmOption}, instead of the start-up-speed flags the tests use.
     */
    public Builder forMeasurement() {
      this.startupFlags = false;
      return this;
    }

    public RunningServer start() {
      Path dir = workDir != null ? workDir : TestPaths.workDir(kind.name().toLowerCase());
      List<String> command = new ArrayList<>();
      command.add(Jdks.java(jdk).toString());
      if (agent) {
        command.add("-javaagent:" + TestPaths.agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
      }
      if (startupFlags) {
        // Start-up speed only: the tests assert behaviour, never timings.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx512m");
      }
      command.addAll(jvmOptions);
      command.addAll(kind.launch());
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().remove("BULWARK_POLICY");
      builder.environment().putAll(environment);
      Path log = dir.resolve("server.log");
      StringBuffer output = new StringBuffer();
      CompletableFuture<Integer> listening = new CompletableFuture<>();
      Process process;
      try {
        Files.writeString(log, String.join(" ", command) + "\n");
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + command, e);
      }
      Thread pump = new Thread(() -> pump(process, output, log, listening), "server-output-" + kind);
      pump.setDaemon(true);
      pump.start();
      try {
        int port = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new RunningServer(process, port, output, log);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        process.destroyForcibly();
        throw new IllegalStateException(kind.description() + " on JDK " + jdk + " did not start; output:\n" + output,
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException(e);
      }
    }

    private static void pump(Process process, StringBuffer output, Path log, CompletableFuture<Integer> listening) {
      try (BufferedReader reader = new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.APPEND)) {
        String line;
        while ((line = reader.readLine()) != null) {
          output.append(line).append('\n');
          file.write(line);
          file.write('\n');
          file.flush();
          if (line.startsWith("LISTENING ")) {
            listening.complete(Integer.parseInt(line.substring("LISTENING ".length()).trim()));
          }
        }
      } catch (IOException | RuntimeException e) {
        listening.completeExceptionally(e);
      }
      listening.completeExceptionally(new IllegalStateException("the server exited with "
          + (process.isAlive() ? "?" : process.exitValue())));
    }
  }
}
