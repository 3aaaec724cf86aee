package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.RequestFacts;
import io.bulwark.policy.model.Routing;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.path.PathCanonicalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** match.hosts, match.headers, routing, and rules that can never match. */
class MatchAndRoutingReaderTest {

  private static Policy parse(String yaml) throws PolicyException {
    return PolicyLoader.parse(yaml, "policy.yaml");
  }

  private static Map<String, String> problems(String yaml) {
    List<Problem> problems = assertThrows(PolicyException.class, () -> parse(yaml)).problems();
    Map<String, String> positions = new LinkedHashMap<>();
    for (Problem problem : problems) {
      positions.put(problem.location().line() + ":" + problem.location().column(), problem.message());
    }
    return positions;
  }

  private static String ruleFor(Policy policy, String method, String path, String host, Map<String, String> headers) {
    Rule rule = policy.firstMatch(new RequestFacts(method, PathCanonicalizer.canonicalize(path), host, headers));
    return rule == null ? "default" : rule.name();
  }

  @Test
  void hostsAndHeadersNarrowARule() throws Exception {
    Policy policy = parse("""
        version: 1
        rules:
          - name: admin-host
            match: { path: /**, hosts: [admin.example.com, "*.internal.example.com"] }
            action: deny
          - name: v1-clients
            match:
              path: /api/**
              headers: { X-Api-Version: "1", X-Client: [web, mobile] }
            action: deny
        default: allow
        """);

    assertEquals(Set.of("x-api-version", "x-client"), policy.testedHeaders());
    assertTrue(policy.testsHosts());
    assertEquals("admin-host", ruleFor(policy, "GET", "/x", "admin.example.com", Map.of()));
    assertEquals("admin-host", ruleFor(policy, "GET", "/x", "db.internal.example.com", Map.of()));
    assertEquals("default", ruleFor(policy, "GET", "/x", "internal.example.com", Map.of()));
    assertEquals("default", ruleFor(policy, "GET", "/x", null, Map.of()));
    assertEquals("v1-clients", ruleFor(policy, "GET", "/api/a", "www.example.com",
        Map.of("x-api-version", "1", "x-client", "mobile")));
    assertEquals("default", ruleFor(policy, "GET", "/api/a", "www.example.com",
        Map.of("x-api-version", "1", "x-client", "desktop")));
    assertEquals("default", ruleFor(policy, "GET", "/api/a", "www.example.com", Map.of("x-api-version", "1")));
  }

  @Test
  void badHostsAndHeadersAreReported() {
    Map<String, String> problems = problems("""
        version: 1
        rules:
          - name: a
            match: { path: /a, hosts: ["https://a.example.com", "a.example.com:8080", "*"] }
            action: deny
          - name: b
            match: { path: /b, headers: { "X Bad": "1", X-Ok: [], X-Map: { a: 1 }, x-ok: "2" } }
            action: deny
          - name: c
            match: { path: /c, headers: [X-Api-Version] }
            action: deny
        default: allow
        """);

    assertEquals(Map.of(
        "4:32", "rules[0] 'a'.match.hosts: expected a host name such as api.example.com or *.example.com (no port,"
            + " no scheme) but found 'https://a.example.com'",
        "4:57", "rules[0] 'a'.match.hosts: expected a host name such as api.example.com or *.example.com (no port,"
            + " no scheme) but found 'a.example.com:8080'",
        "4:79", "rules[0] 'a'.match.hosts: expected a host name such as api.example.com or *.example.com (no port,"
            + " no scheme) but found '*'",
        "7:35", "rules[1] 'b'.match.headers: expected a header name such as X-Api-Version but found 'X Bad'",
        "7:55", "rules[1] 'b'.match.headers.X-Ok: expected at least one value",
        "7:66", "rules[1] 'b'.match.headers.X-Map: expected a header value or a list of values, e.g. \"2\" or"
            + " [\"1\", \"2\"], but found a mapping",
        "7:76", "rules[1] 'b'.match.headers: header 'x-ok' is listed twice (names are case-insensitive)",
        "10:33", "rules[2] 'c'.match.headers: expected a mapping of header names to values, e.g. { X-Api-Version:"
            + " \"2\" }, but found a list"), problems);
  }

  @Test
  void routingIsReadWithItsDefaults() throws Exception {
    Routing none = parse("version: 1\n").routing();
    assertNull(none.methodOverride());
    assertEquals(false, none.suffixMatch());

    Routing routing = parse("""
        version: 1
        routing:
          methodOverride: { headers: [X-HTTP-Method-Override, X-Method-Override] }
          suffixMatch: true
        """).routing();
    assertEquals(List.of("X-HTTP-Method-Override", "X-Method-Override"), routing.methodOverride().headers());
    assertEquals(Set.of("POST"), routing.methodOverride().methods());
    assertTrue(routing.suffixMatch());

    Routing anyMethod = parse("""
        version: 1
        routing: { methodOverride: { headers: [X-HTTP-Method], methods: [post, put] } }
        """).routing();
    assertEquals(Set.of("POST", "PUT"), anyMethod.methodOverride().methods());
  }

  @Test
  void badRoutingIsReported() {
    assertEquals(Map.of(
        "3:19", "routing.methodOverride: missing 'headers', e.g. [X-HTTP-Method-Override]",
        "3:31", "routing.methodOverride.methods: expected an HTTP method such as GET but found 'P O S T'",
        "4:16", "routing.suffixMatch: expected true or false but found 'yes'"), problems("""
        version: 1
        routing:
          methodOverride: { methods: ["P O S T"] }
          suffixMatch: yes
        """));
    assertEquals(Map.of("2:39", "routing.methodOverride.headers: expected at least one header name"),
        problems("version: 1\nrouting: { methodOverride: { headers: [] } }\n"));
  }

  @Test
  void suffixMatchLetsALiteralMatchTheLastSegmentWithAnExtension() throws Exception {
    String rules = """
        rules:
          - { name: admin, match: { path: /api/admin/** }, action: deny }
          - { name: report, match: { path: /report }, action: deny }
        default: allow
        """;
    Policy plain = parse("version: 1\n" + rules);
    Policy suffixes = parse("version: 1\nrouting: { suffixMatch: true }\n" + rules);

    assertEquals("admin", ruleFor(suffixes, "GET", "/api/admin.json", null, Map.of()));
    assertEquals("report", ruleFor(suffixes, "GET", "/report.pdf", null, Map.of()));
    assertEquals("report", ruleFor(suffixes, "GET", "/REPORT.x.y", null, Map.of()));
    assertEquals("default", ruleFor(plain, "GET", "/api/admin.json", null, Map.of()));
    assertEquals("default", ruleFor(plain, "GET", "/report.pdf", null, Map.of()));
    assertEquals("default", ruleFor(suffixes, "GET", "/api/administrator", null, Map.of()));
    assertEquals("default", ruleFor(suffixes, "GET", "/report./x", null, Map.of()));
    assertEquals("default", ruleFor(suffixes, "GET", "/reportx.pdf", null, Map.of()));
    assertEquals("default", ruleFor(suffixes, "GET", "/report.", null, Map.of()));
  }

  @Test
  void ruleThatCanNeverMatchIsReportedAtTheShadowedRule() {
    Map<String, String> problems = problems("""
        version: 1
        rules:
          - name: api
            match: { path: /api/** }
            action: allow
          - name: admin
            match: { path: /api/admin/**, methods: [DELETE] }
            action: deny
          - name: read
            match: { path: /**, methods: [GET] }
            action: allow
          - name: health
            match: { path: /health, methods: [GET, HEAD] }
            action: allow
          - name: partner
            match: { path: /partner/**, hosts: [partner.example.com] }
            action: allow
          - name: partner-v2
            match: { path: /partner/v2, hosts: [partner.example.com], headers: { X-V: "2" } }
            action: deny
        default: deny
        """);

    assertEquals(Map.of(
        "6:5", "rules[1] 'admin': can never match: rule 'api' (line 3) comes first and matches every request"
            + " this rule matches; expected this rule above 'api', or 'api' narrowed",
        "12:5", "rules[3] 'health': can never match: rule 'read' (line 9) comes first and matches every request"
            + " this rule matches; expected this rule above 'read', or 'read' narrowed",
        "18:5", "rules[5] 'partner-v2': can never match: rule 'partner' (line 15) comes first and matches every"
            + " request this rule matches; expected this rule above 'partner', or 'partner' narrowed"), problems);
  }

  @Test
  void narrowerRulesAfterDifferentOnesAreFine() throws Exception {
    Policy policy = parse("""
        version: 1
        rules:
          - { name: read, match: { path: /api/**, methods: [GET] }, action: allow }
          - { name: write, match: { path: /api/**, methods: [POST] }, action: deny }
          - { name: admin, match: { path: /api/admin/** }, action: deny }
          - { name: on-host, match: { path: /**, hosts: [a.example.com] }, action: deny }
          - { name: other-host, match: { path: /x, hosts: [b.example.com] }, action: deny }
          - { name: v2, match: { path: /y, headers: { X-V: "2" } }, action: deny }
          - { name: v1-or-2, match: { path: /y, headers: { X-V: ["1", "2"] } }, action: allow }
          - { name: head-only, match: { path: /z, methods: [HEAD] }, action: deny }
          - { name: get-z, match: { path: /z, methods: [GET] }, action: allow }
        default: allow
        """);

    assertEquals(9, policy.rules().size());
  }
}
