package io.bulwark.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

  private static final String POLICY = """
      version: 1
      rules:
        - name: health
          match: { path: /health, methods: [GET] }
          action: allow
        - name: admin
          match: { path: /api/admin/** }
          action: deny
        - name: partner
          match: { path: /api/partner/**, hosts: [partner.example.com], headers: { X-Api-Version: "1" } }
          action: allow
        - name: no-delete
          match: { path: /api/**, methods: [DELETE] }
          action: deny
      default: allow
      routing:
        methodOverride: { headers: [X-HTTP-Method-Override] }
      """;

  @TempDir
  Path dir;

  private Path policy;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writePolicy() throws IOException {
    policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
  }

  private int explain(String... args) {
    String[] full = new String[args.length + 3];
    full[0] = "policy";
    full[1] = "explain";
    full[2] = policy.toString();
    System.arraycopy(args, 0, full, 3, args.length);
    return Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), full);
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void deniedRequestShowsTheCanonicalPathTheRuleAndWhy() {
    assertEquals(3, explain("--method", "POST", "--path", "/api/%61dmin;x=1/users"));

    assertEquals(List.of(
        "request         POST /api/%61dmin;x=1/users",
        "canonical path  /api/admin/users",
        "method          POST",
        "host            (no Host header)",
        "rule            'admin' (" + policy + ":6:5)",
        "  match         /api/admin/**",
        "  path          /api/admin/users matches /api/admin/**",
        "  methods       any method",
        "  action        deny: refused with 403 application/problem+json (event.reason rule.deny)",
        "decision        DENY 403 (mode enforce, event.reason rule.deny)"), lines());
  }

  @Test
  void allowedRequestExitsZeroAndHeadIsMatchedAsGet() {
    assertEquals(0, explain("--method", "HEAD", "--path", "/health/"));

    assertTrue(lines().contains("  methods       HEAD is matched by [GET] (HEAD as GET)"), out.toString());
    assertTrue(lines().contains("decision        ALLOW (mode enforce)"), out.toString());
  }

  @Test
  void headersAndHostAreUsedAndEarlierRulesExplainedWithAll() {
    assertEquals(0, explain("--path", "/api/partner/x", "--header", "Host: Partner.Example.com:443",
        "--header", "X-Api-Version: 1", "--all"));

    String text = out.toString();
    assertTrue(text.contains("host            partner.example.com\n"), text);
    assertTrue(text.contains("skipped         'health' (line 3): path: /api/partner/x does not match /health"), text);
    assertTrue(text.contains("skipped         'admin' (line 6): path: /api/partner/x does not match /api/admin/**"),
        text);
    assertTrue(text.contains("  hosts         partner.example.com is one of [partner.example.com]"), text);
    assertTrue(text.contains("  header X-Api-Version '1' is one of [1]"), text);
  }

  @Test
  void overriddenMethodIsShownWithTheHeaderItCameFrom() {
    assertEquals(3,
        explain("--method", "POST", "--path", "/api/orders/1", "--header", "X-HTTP-Method-Override: delete"));

    assertTrue(lines().contains("method          DELETE (from X-HTTP-Method-Override; sent POST)"), out.toString());
    assertTrue(lines().contains("rule            'no-delete' (" + policy + ":12:5)"), out.toString());
  }

  @Test
  void ambiguousPathIsShownAsRefused() {
    assertEquals(3, explain("--path", "/api/hello/..;/admin/users"));

    assertEquals(List.of(
        "request         GET /api/hello/..;/admin/users",
        "canonical path  refused: path.ambiguous-dot-segment (a '.' or '..' segment carries path parameters)",
        "decision        DENY 400 (mode enforce, event.reason path.ambiguous-dot-segment)"), lines());
  }

  @Test
  void unmatchedRequestGetsTheDefault() {
    assertEquals(0, explain("--path", "/public/page"));

    assertTrue(lines().contains("rule            none of the 4 rules matches: default allow applies"), out.toString());
  }

  @Test
  void invalidPolicyExitsOneWithItsProblems() throws IOException {
    Files.writeString(policy, "version: 1\nmode: enforced\n");

    assertEquals(1, explain("--path", "/x"));

    assertTrue(err.toString().startsWith(policy + ":2:7: mode: expected one of enforce, monitor"), err.toString());
  }

  @Test
  void badHeaderOptionIsAUsageError() {
    assertEquals(2, explain("--path", "/x", "--header", "no-colon"), "picocli's usage error");

    assertTrue(err.toString().contains("--header 'no-colon': expected NAME:VALUE"), err.toString());
  }
}
