package io.bulwark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.it.support.IdleMain;
import io.bulwark.it.support.JulInitTrap;
import io.bulwark.it.support.Jdks;
import io.bulwark.it.support.TestPaths;
import io.bulwark.policy.testing.TestRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent never starts the application's logging before the application does. java.util.logging
 * is the one to watch: its LogManager is chosen once, when it first initializes, and servers such as
 * WildFly (or applications setting java.util.logging.manager in main) fail when someone started it
 * earlier. A policy using every feature whose libraries take a JUL or System.Logger logger (Caffeine
 * for token caches, buckets and bans, CEL's protobuf runtime for when: conditions, Lettuce, Netty and
 * Reactor for the Redis rate-limit store) is loaded in premain here.
 */
class LoggingIsolationTest {

  private static final String POLICY = """
      version: 1
      identities:
        apiKeys: { in: header:X-API-Key, keys: [{ id: a, sha256: c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c }] }
        jwt: { issuer: "https://login.example.com/", audiences: [api], jwks: "https://login.example.com/jwks.json" }
        introspection: { endpoint: "https://login.example.com/introspect", clientId: api, clientSecret: "env:NOPE" }
      rules:
        - name: own
          match: { path: "/users/{id}" }
          require: { auth: [jwt, introspection, apiKey] }
          when: "principal.id == path.id || 'admin' in principal.roles"
          rateLimit: { key: principal, limits: ["100/1m", "10/1s"], headers: true }
        - name: public
          match: { path: /public/** }
          action: allow
          rateLimit: { key: ip, limits: ["50/1s"] }
      default: allow
      clients: { trustedProxies: [10.0.0.0/8] }
      rateLimitStore: { url: "%s", timeout: 250ms, onUnavailable: local }
      bans:
        authFailures: { after: 10, within: 1m, for: 15m }
        blocked: { after: 50, within: 1m, for: 10m }
      audit: { file: audit.jsonl }
      """;

  @Test
  void premainDoesNotStartJavaUtilLogging() throws Exception {
    Path work = TestPaths.workDir("jul-isolation");
    Path policy = Files.writeString(work.resolve("policy.yaml"), POLICY.formatted(TestRedis.url()));
    String output = run(work, "-javaagent:" + TestPaths.agentJar() + "=policy=" + policy);
    assertTrue(output.contains("main finished"), output);
    assertTrue(output.contains("Bulwark") && output.contains("started in"), output);
    assertFalse(output.contains(JulInitTrap.MARK), "the agent started java.util.logging in premain:\n" + output);
  }

  @Test
  void theTrapSeesJavaUtilLoggingStarting() throws Exception {
    // The check above means something only if the trap fires when JUL does start.
    Path work = TestPaths.workDir("jul-trap");
    assertFalse(run(work).contains(JulInitTrap.MARK), "an idle application without the agent starts no JUL");
    String withJul = runClass(work, JulUser.class.getName());
    assertTrue(withJul.contains(JulInitTrap.MARK), withJul);
  }

  /** Uses java.util.logging, as an application would. */
  public static final class JulUser {
    public static void main(String[] args) {
      java.util.logging.Logger.getLogger("app").fine("hello");
      System.out.println("main finished");
    }
  }

  private static String run(Path work, String... jvmOptions) throws IOException, InterruptedException {
    return runClass(work, IdleMain.class.getName(), jvmOptions);
  }

  private static String runClass(Path work, String mainClass, String... jvmOptions)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Jdks.java(17).toString());
    command.addAll(List.of(jvmOptions));
    command.add("-Djava.util.logging.config.class=" + JulInitTrap.class.getName());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
