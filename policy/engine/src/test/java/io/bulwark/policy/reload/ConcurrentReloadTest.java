package io.bulwark.policy.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import io.bulwark.bridge.Decision;
import io.bulwark.policy.audit.review.ChainVerifier;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.audit.SwitchingAuditLog;
import io.bulwark.policy.testing.FakeRequest;
import io.bulwark.policy.testing.Json;
import io.bulwark.policy.testing.Tokens;
import io.bulwark.policy.reload.PolicyReloader.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's shared state under load while the policy is swapped: eight threads decide requests
 * (JWTs from the verified-token cache, conditions, denials, refusals) while the policy file flips
 * between two versions that decide the same paths oppositely and move the audit file, dozens of
 * times. Every decision must come whole from one version (its status and its audited rule agree),
 * no decision may fail, every audited decision must be in one of the two files exactly once, and
 * both files' hash chains must verify.
 */
class ConcurrentReloadTest {

  private static final String POLICY = """
      version: 1
      identities:
        jwt:
          issuer: %s
          audiences: [%s]
          jwks: file:jwks.json
          rolesClaim: roles
      rules:
        - name: %s-x
          match: { path: /x }
          %s
        - name: %s-y
          match: { path: /y }
          %s
        - name: %s-users
          match: { path: "/users/{id}" }
          require: { auth: [jwt] }
          when: "principal.id == path.id"
      default: deny
      audit: { file: %s, events: [allow, deny, error] }
      """;

  @TempDir
  Path dir;

  private static String version(String name, boolean xAllowed, Path audit) {
    String allow = "action: allow";
    String deny = "action: deny";
    return POLICY.formatted(Tokens.ISSUER, Tokens.AUDIENCE, name, xAllowed ? allow : deny, name,
        xAllowed ? deny : allow, name, audit);
  }

  @Test
  void decisionsStayWholeAndNothingIsLostWhileThePolicyFlips() throws Exception {
    RSAKey key = Tokens.rsaKey("k");
    Files.writeString(dir.resolve("jwks.json"), Tokens.jwks(key));
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tokens.add(Tokens.sign(key, Tokens.claims("user" + i).build()));
    }
    Path auditA = dir.resolve("a.jsonl");
    Path auditB = dir.resolve("b.jsonl");
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, version("a", true, auditA));
    Policy first = PolicyLoader.load(file);
    SwitchingAuditLog audit = new SwitchingAuditLog(first.audit());
    BulwarkEngine engine = new BulwarkEngine(first, audit);
    PolicyReloader reloader = new PolicyReloader(file, engine, audit, "test");

    AtomicLong decided = new AtomicLong();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      workers.add(pool.submit(() -> {
        long n = 0;
        while (n < 12_000) {
          int user = (int) (n % tokens.size());
          FakeRequest request = switch ((int) (n % 4)) {
            case 0 -> FakeRequest.of("GET", "/x");
            case 1 -> FakeRequest.of("GET", "/y");
            case 2 -> FakeRequest.of("GET", "/users/user" + user).header("Authorization", "Bearer " + tokens.get(user));
            default -> FakeRequest.of("GET", "/users/user" + (user + 1) % tokens.size())
                .header("Authorization", "Bearer " + tokens.get(user));
          };
          Decision decision = engine.evaluate(request);
          int expected = n % 4 == 2 ? 200 : n % 4 == 3 ? 403 : -1;
          if (expected == 200 && decision.blocks() || expected == 403 && decision.status() != 403) {
            wrong.add(thread + ": " + request.rawPath() + " -> " + decision);
          }
          n++;
          decided.incrementAndGet();
        }
      }));
    }

    long clock = Files.getLastModifiedTime(file).toMillis();
    int flips = 0;
    for (int i = 1; i <= 20 || workers.stream().anyMatch(w -> !w.isDone()); i++) {
      flips = i;
      boolean a = i % 2 == 0;
      Files.writeString(file, version(a ? "a" : "b", a, i % 4 < 2 ? auditA : auditB), StandardCharsets.UTF_8);
      clock += 1000;
      Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
      Outcome outcome;
      do {
        outcome = reloader.check();
        Thread.sleep(2);
      } while (outcome == Outcome.WAITING);
      assertEquals(Outcome.RELOADED, outcome, "flip " + i);
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    audit.close();

    assertTrue(flips >= 20);
    assertTrue(wrong.isEmpty(), () -> wrong.size() + " wrong decisions, e.g. " + wrong.peek());
    List<Map<String, Object>> events = new ArrayList<>(Json.lines(auditA));
    events.addAll(Json.lines(auditB));
    long requestEvents = 0;
    java.util.Set<Object> ids = new java.util.HashSet<>();
    for (Map<String, Object> event : events) {
      Object action = Json.at(event, "event.action");
      assertTrue(!"error".equals(action), () -> "the engine failed: " + event);
      if (!"allow".equals(action) && !"deny".equals(action)) {
        continue;
      }
      requestEvents++;
      assertTrue(ids.add(Json.at(event, "http.request.id")), "each decision audited once");
      String rule = (String) Json.at(event, "event.rule");
      String path = (String) Json.at(event, "url.path");
      if ("/x".equals(path) || "/y".equals(path)) {
        // version a allows /x and denies /y, version b the opposite: the rule names the version
        boolean allowed = "allow".equals(action);
        boolean versionA = rule.startsWith("a-");
        assertEquals("/x".equals(path) == versionA, allowed, () -> "a decision mixed two policies: " + event);
      }
    }
    assertEquals(decided.get(), requestEvents, "every decision is in one of the audit files");
    assertEquals(0, audit.lost());
    assertTrue(ChainVerifier.verify(List.of(auditA)).intact(), "chain of a.jsonl");
    assertTrue(ChainVerifier.verify(List.of(auditB)).intact(), "chain of b.jsonl");
  }
}
