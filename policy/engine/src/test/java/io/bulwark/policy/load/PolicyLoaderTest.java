package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.model.Action;
import io.bulwark.policy.model.AuditSettings.Outcome;
import io.bulwark.policy.model.Mode;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.model.SourceLocation;
import io.bulwark.policy.path.PathCanonicalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

  private static final String YAML = """
      version: 1
      mode: enforce
      onAgentError: deny
      default: deny
      rules:                      # first match wins
        - name: health
          match: { path: /health, methods: [GET] }
          action: allow
        - name: retired
          match: { path: /api/v0/** }
          action: deny
        - name: api
          match:
            path: /api/**
            methods: [get, POST]
          action: allow
      audit:
        file: logs/audit.jsonl
        events: [allow, deny]
      """;

  private static final String JSON = """
      {
        "version": 1,
        "mode": "enforce",
        "onAgentError": "deny",
        "default": "deny",
        "rules": [
          { "name": "health", "match": { "path": "/health", "methods": ["GET"] }, "action": "allow" },
          { "name": "retired", "match": { "path": "/api/v0/**" }, "action": "deny" },
          { "name": "api", "match": { "path": "/api/**", "methods": ["get", "POST"] }, "action": "allow" }
        ],
        "audit": { "file": "logs/audit.jsonl", "events": ["allow", "deny"] }
      }
      """;

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static Policy parse(String yaml) throws PolicyException {
    return PolicyLoader.parse(yaml, "policy.yaml");
  }

  private static List<Problem> problems(String yaml) {
    return assertThrows(PolicyException.class, () -> parse(yaml)).problems();
  }

  /** Problems as "line:column" to message, in the order they were reported. */
  private static Map<String, String> byPosition(List<Problem> problems) {
    Map<String, String> positions = new LinkedHashMap<>();
    for (Problem problem : problems) {
      positions.put(problem.location().line() + ":" + problem.location().column(), problem.message());
    }
    return positions;
  }

  private static String ruleFor(Policy policy, String method, String path) {
    Rule rule = policy.firstMatch(method, PathCanonicalizer.canonicalize(path));
    return rule == null ? "default " + policy.defaultAction() : rule.name();
  }

  @Test
  void yamlPolicyIsRead() throws Exception {
    Path file = write("policy.yaml", YAML);

    Policy policy = PolicyLoader.load(file);

    assertEquals(file.toString(), policy.source());
    assertEquals(Mode.ENFORCE, policy.mode());
    assertEquals(Action.DENY, policy.onAgentError());
    assertEquals(Action.DENY, policy.defaultAction());
    assertEquals(List.of("health", "retired", "api"),
        policy.rules().stream().map(Rule::name).collect(Collectors.toList()));
    Rule api = policy.rules().get(2);
    assertEquals("/api/**", api.path().toString());
    assertEquals(Set.of("GET", "POST"), api.methods());
    assertEquals(Action.ALLOW, api.action());
    assertEquals(Set.of(), policy.rules().get(1).methods());
    assertEquals(Paths.get("logs/audit.jsonl"), policy.audit().file());
    assertEquals(EnumSet.of(Outcome.ALLOW, Outcome.DENY), policy.audit().events());
  }

  @Test
  void jsonPolicyIsReadLikeTheSameYamlPolicy() throws Exception {
    Policy yaml = PolicyLoader.load(write("policy.yaml", YAML));
    Policy json = PolicyLoader.load(write("policy.json", JSON));

    assertEquals(describe(yaml), describe(json));
    for (String request : List.of("GET /health", "HEAD /health", "POST /health", "GET /api/v0/x",
        "DELETE /api/v1/x", "POST /api/v1/x", "GET /other")) {
      String[] parts = request.split(" ");
      assertEquals(ruleFor(yaml, parts[0], parts[1]), ruleFor(json, parts[0], parts[1]), request);
    }
  }

  private static String describe(Policy policy) {
    List<String> rules = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      rules.add(rule.name() + " " + rule.path() + " " + Set.copyOf(rule.methods()).stream().sorted()
          .collect(Collectors.toList()) + " " + rule.action());
    }
    return policy.mode() + " " + policy.onAgentError() + " " + policy.defaultAction() + " " + rules + " "
        + policy.audit().file() + " " + policy.audit().events();
  }

  @Test
  void ruleRemembersWhereItIsWritten() throws Exception {
    Path file = write("policy.yaml", YAML);

    Rule retired = PolicyLoader.load(file).rules().get(1);

    assertEquals(file.toString(), retired.location().file());
    assertEquals(9, retired.location().line());
    assertEquals(5, retired.location().column());
  }

  @Test
  void policySha256IsTheDigestOfTheFileBytes() throws Exception {
    Path file = write("policy.yaml", YAML);

    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));

    assertEquals(expected, PolicyLoader.load(file).sha256());
  }

  @Test
  void headIsMatchedAsGet() throws Exception {
    Policy policy = parse(YAML);

    assertEquals("health", ruleFor(policy, "HEAD", "/health"));
    assertEquals("health", ruleFor(policy, "GET", "/health"));
    assertEquals("default DENY", ruleFor(policy, "POST", "/health"));
  }

  @Test
  void ruleForHeadDoesNotMatchGet() throws Exception {
    Policy policy = parse("""
        version: 1
        rules:
          - { name: head-only, match: { path: /x, methods: [HEAD] }, action: deny }
        default: allow
        """);

    assertEquals("head-only", ruleFor(policy, "HEAD", "/x"));
    assertEquals("default ALLOW", ruleFor(policy, "GET", "/x"));
  }

  @Test
  void methodsAreWrittenInAnyCaseAndRulesWithoutMethodsMatchEveryMethod() throws Exception {
    Policy policy = parse(YAML);

    assertEquals("api", ruleFor(policy, "GET", "/api/v1/users"));
    assertEquals("default DENY", ruleFor(policy, "DELETE", "/api/v1/users"));
    assertEquals("retired", ruleFor(policy, "DELETE", "/api/v0/users"));
    assertEquals("retired", ruleFor(policy, "PATCH", "/api/v0"));
  }

  @Test
  void firstMatchingRuleWins() throws Exception {
    Policy retiredFirst = parse(YAML);
    Policy readFirst = parse("""
        version: 1
        rules:
          - { name: api-read, match: { path: /api/**, methods: [GET] }, action: allow }
          - { name: retired, match: { path: /api/v0/** }, action: deny }
        default: allow
        """);

    assertEquals("retired", ruleFor(retiredFirst, "GET", "/api/v0/orders"));
    assertEquals("api-read", ruleFor(readFirst, "GET", "/api/v0/orders"));
    assertEquals("retired", ruleFor(readFirst, "DELETE", "/api/v0/orders"));
  }

  @Test
  void unmatchedRequestsGetTheDefault() throws Exception {
    Policy deny = parse("version: 1\ndefault: deny\nrules: [{ name: a, match: { path: /a }, action: allow }]\n");
    Policy allow = parse("version: 1\ndefault: allow\nrules: [{ name: a, match: { path: /a }, action: deny }]\n");

    assertNull(deny.firstMatch("GET", PathCanonicalizer.canonicalize("/b")));
    assertEquals(Action.DENY, deny.defaultAction());
    assertNull(allow.firstMatch("GET", PathCanonicalizer.canonicalize("/b")));
    assertEquals(Action.ALLOW, allow.defaultAction());
  }

  @Test
  void monitorModeIsRead() throws Exception {
    assertEquals(Mode.MONITOR, parse("version: 1\nmode: monitor\n").mode());
    assertEquals(Mode.MONITOR, parse("version: 1\nmode: Monitor\n").mode());
  }

  @Test
  void auditSettingsDefaultToDenyMonitorAndErrorInTheWorkingDirectory() throws Exception {
    Policy policy = parse("version: 1\n");

    assertEquals(Paths.get("bulwark-audit.jsonl"), policy.audit().file());
    assertEquals(EnumSet.of(Outcome.DENY, Outcome.MONITOR, Outcome.ERROR), policy.audit().events());
  }

  @Test
  void everyProblemIsReportedInOnePassWithLineColumnAndWhatWasExpected() throws Exception {
    Path file = write("broken.yaml", """
        version: 1
        mode: enforced
        defualt: deny
        rules:
          - name: admin
            match: { path: /admin/%2e, methods: [GET, "BAD METHOD"] }
            action: block
          - name: other
            match: { path: /x, methods: GET }
            action: deny
        onAgentError: maybe
        default: allow
        """);

    PolicyException error = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));

    Map<String, String> problems = byPosition(error.problems());
    assertEquals(Set.of("2:7", "3:1", "6:20", "6:47", "7:13", "9:33", "11:15"), problems.keySet(),
        error.getMessage());
    assertTrue(problems.get("2:7").startsWith("mode: expected one of enforce, monitor but found 'enforced'"),
        problems.get("2:7"));
    assertTrue(problems.get("2:7").contains("(did you mean 'enforce'?)"));
    assertTrue(problems.get("3:1").startsWith("policy: unknown key 'defualt' (did you mean 'default'?)"),
        problems.get("3:1"));
    assertTrue(problems.get("6:20").startsWith("rules[0] 'admin'.match.path: unexpected '%'"),
        problems.get("6:20"));
    assertTrue(problems.get("6:47").contains("expected an HTTP method such as GET but found 'BAD METHOD'"),
        problems.get("6:47"));
    assertTrue(problems.get("7:13").startsWith("rules[0] 'admin'.action: expected one of allow, deny"),
        problems.get("7:13"));
    assertTrue(problems.get("9:33").startsWith("rules[1] 'other'.match.methods: expected a list"),
        problems.get("9:33"));
    assertTrue(problems.get("11:15").startsWith("onAgentError: expected one of allow, deny but found 'maybe'"),
        problems.get("11:15"));
    for (Problem problem : error.problems()) {
      assertTrue(problem.message().contains("expected"), problem.toString());
      assertEquals(file.toString(), problem.location().file());
    }
    // One line per problem, each clickable as file:line:column.
    String[] lines = error.getMessage().split("\n");
    assertEquals(7, lines.length);
    assertTrue(error.getMessage().contains(file + ":6:47: "), error.getMessage());
  }

  @Test
  void missingVersionIsReportedAlongsideOtherProblems() {
    Map<String, String> problems = byPosition(problems("mode: enforced\nrules: []\n"));

    assertEquals(Set.of("1:1", "1:7"), problems.keySet(), problems.toString());
    assertEquals("policy: missing 'version: 1'", problems.get("1:1"));
  }

  @Test
  void unknownKeySuggestsTheKeyThatWasMeant() {
    Map<String, String> problems = byPosition(problems("""
        version: 1
        mdoe: monitor
        rules:
          - name: a
            match: { paht: /a }
            acton: deny
        default: allow
        """));

    assertEquals("policy: unknown key 'mdoe' (did you mean 'mode'?); expected one of: version, mode,"
        + " onAgentError, clients, identities, rules, default, routing, rateLimitStore, bans, protect, limits, audit",
        problems.get("2:1"));
    assertEquals("rules[0] 'a'.match: unknown key 'paht' (did you mean 'path'?); expected one of: path,"
        + " methods, hosts, headers, route, operation", problems.get("5:14"));
    assertTrue(problems.get("6:5").startsWith("rules[0]: unknown key 'acton' (did you mean 'action'?)"),
        problems.toString());
  }

  @Test
  void unknownKeyFarFromAnyKnownKeyHasNoSuggestion() {
    Map<String, String> problems = byPosition(problems("version: 1\nfirewall: {}\n"));

    assertEquals("policy: unknown key 'firewall'; expected one of: version, mode, onAgentError, clients,"
        + " identities, rules, default, routing, rateLimitStore, bans, protect, limits, audit", problems.get("2:1"));
  }

  @Test
  void duplicateKeysAreReportedWhereTheyAreRepeated() {
    Map<String, String> problems = byPosition(problems("""
        version: 1
        mode: enforce
        rules:
          - name: a
            match: { path: /a }
            action: allow
            action: deny
        mode: monitor
        default: allow
        """));

    assertEquals(Map.of(
        "7:5", "rules[0]: duplicate key 'action'",
        "8:1", "policy: duplicate key 'mode'"), problems);
  }

  @Test
  void duplicateKeyInJsonIsReported() {
    Map<String, String> problems =
        byPosition(problems("{\"version\": 1, \"default\": \"allow\", \"default\": \"deny\"}"));

    assertEquals(Map.of("1:36", "policy: duplicate key 'default'"), problems);
  }

  @Test
  void duplicateRuleNamesAreReported() {
    Map<String, String> problems = byPosition(problems("""
        version: 1
        rules:
          - { name: api, match: { path: /api/v1/** }, action: allow }
          - { name: api, match: { path: /api/v2/** }, action: allow }
        default: allow
        """));

    assertEquals(Map.of("4:13", "rules[1] 'api': duplicate rule name; every rule needs its own name"), problems);
  }

  @Test
  void ruleWithoutNameMatchOrActionIsReported() {
    List<String> problems = problems("""
        version: 1
        rules:
          - {}
          - { name: b }
        default: allow
        """).stream().map(p -> p.location().line() + ":" + p.location().column() + " " + p.message())
        .collect(Collectors.toList());

    assertEquals(List.of(
        "3:5 rules[0]: missing 'name'",
        "3:5 rules[0]: missing 'match'",
        "3:5 rules[0]: missing 'action' (allow or deny) or 'require' (authenticate)",
        "4:5 rules[1] 'b': missing 'match'",
        "4:5 rules[1] 'b': missing 'action' (allow or deny) or 'require' (authenticate)"), problems);
  }

  @Test
  void badMethodIsReported() {
    Map<String, String> problems = byPosition(problems("""
        version: 1
        rules:
          - { name: a, match: { path: /a, methods: [GET, "GE T", "GET/1"] }, action: deny }
        default: allow
        """));

    assertEquals(Map.of(
        "3:50", "rules[0] 'a'.match.methods: expected an HTTP method such as GET but found 'GE T'",
        "3:58", "rules[0] 'a'.match.methods: expected an HTTP method such as GET but found 'GET/1'"), problems);
  }

  @Test
  void rulesWithoutADefaultAreRefusedAtTheRulesKey() {
    Map<String, String> problems = byPosition(problems("""
        version: 1
        mode: enforce
        rules:
          - { name: admin, match: { path: /admin/** }, action: deny }
        """));

    assertEquals(Map.of("3:1",
        "policy: missing 'default' (allow or deny): what happens to requests no rule matches"), problems);
  }

  @Test
  void policyWithoutRulesNeedsNoDefault() throws PolicyException {
    assertEquals(Action.ALLOW, PolicyLoader.parse("version: 1\nmode: monitor\n", "p.yaml").defaultAction());
  }

  @Test
  void missingVersionIsReported() {
    assertEquals(Map.of("1:1", "policy: missing 'version: 1'"), byPosition(problems("mode: enforce\n")));
  }

  @Test
  void version2IsRefused() {
    assertEquals(Map.of("1:10", "version: expected 1 (the only policy version this agent reads) but found 2"),
        byPosition(problems("version: 2\n")));
  }

  @Test
  void versionThatIsNotANumberIsRefused() {
    assertEquals(Map.of("1:10", "version: expected a whole number but found 'one'"),
        byPosition(problems("version: one\n")));
  }

  @Test
  void yamlSyntaxErrorIsReportedWithItsLocation() {
    List<Problem> problems = problems("""
        version: 1
        rules:
          - name: a
            match: { path: /a
            action: allow
        default: allow
        """);

    assertEquals(1, problems.size());
    Problem problem = problems.get(0);
    assertEquals(5, problem.location().line(), problem.toString());
    assertEquals(11, problem.location().column(), problem.toString());
    assertTrue(problem.message().startsWith("not valid YAML or JSON: expected ',' or '}'"), problem.message());
  }

  @Test
  void tabIndentationIsReportedWithItsLocation() {
    List<Problem> problems = problems("version: 1\n\tmode: enforce\n");

    assertEquals("policy.yaml:2:1", problems.get(0).location().toString());
    assertTrue(problems.get(0).message().startsWith("not valid YAML or JSON: "), problems.get(0).message());
  }

  @Test
  void emptyFileIsReported() throws Exception {
    Path file = write("empty.yaml", "");

    PolicyException error = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));

    assertEquals(file + ":1:1: the policy is empty; expected a mapping starting with 'version: 1'",
        error.getMessage());
  }

  @Test
  void fileWithOnlyCommentsIsEmpty() {
    assertEquals(Map.of("1:1", "the policy is empty; expected a mapping starting with 'version: 1'"),
        byPosition(problems("# nothing yet\n\n# still nothing\n")));
  }

  @Test
  void policyThatIsNotAMappingIsReported() {
    assertEquals(Map.of("1:1", "policy: expected a mapping with keys version, mode, onAgentError, clients,"
        + " identities, rules, default, routing, rateLimitStore, bans, protect, limits, audit but found a list"),
        byPosition(problems("- version: 1\n")));
  }

  @Test
  void missingFileIsReportedWithItsName() {
    Path file = dir.resolve("no-such-policy.yaml");

    PolicyException error = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));

    assertEquals(file + ": cannot read the policy file: no such file", error.getMessage());
    assertEquals(new SourceLocation(file.toString(), 0, 0).toString(), error.problems().get(0).location().toString());
  }

  @Test
  void directoryInsteadOfAFileIsReportedWithItsName() {
    PolicyException error = assertThrows(PolicyException.class, () -> PolicyLoader.load(dir));

    assertTrue(error.getMessage().startsWith(dir + ": cannot read the policy file"), error.getMessage());
  }

  @Test
  void fileLargerThanOneMegabyteIsRefused() throws Exception {
    Path file = dir.resolve("huge.yaml");
    Files.write(file, policyOfSize(PolicyLoader.MAX_FILE_BYTES + 1));

    PolicyException error = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));

    assertEquals(file + ": the policy file is larger than 1048576 bytes", error.getMessage());
  }

  @Test
  void fileOfExactlyOneMegabyteIsRead() throws Exception {
    Path file = dir.resolve("big.yaml");
    Files.write(file, policyOfSize(PolicyLoader.MAX_FILE_BYTES));

    assertEquals(Mode.MONITOR, PolicyLoader.load(file).mode());
  }

  /** A valid policy padded with a comment to exactly {@code size} bytes. */
  private static byte[] policyOfSize(int size) {
    StringBuilder text = new StringBuilder("version: 1\nmode: monitor\n# ");
    while (text.length() < size - 1) {
      text.append('x');
    }
    text.append('\n');
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    assertEquals(size, bytes.length);
    return bytes;
  }

  @Test
  void invalidUtf8IsRefusedWithTheFileName() throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "version: 1\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    PolicyException error = assertThrows(PolicyException.class, () -> PolicyLoader.load(file));

    assertEquals(file + ": the policy file is not valid UTF-8", error.getMessage());
  }

  @Test
  void builtInPolicyAllowsEverythingAndAuditsDenyMonitorAndErrorToTheWorkingDirectory() {
    Policy policy = PolicyLoader.builtIn();

    assertEquals("<built-in policy>", policy.source());
    assertEquals(Mode.ENFORCE, policy.mode());
    assertEquals(Action.ALLOW, policy.onAgentError());
    assertEquals(Action.ALLOW, policy.defaultAction());
    assertEquals(List.of(), policy.rules());
    for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH")) {
      for (String path : List.of("/", "/admin", "/api/v0/users/1", "/actuator/env")) {
        assertNull(policy.firstMatch(method, PathCanonicalizer.canonicalize(path)));
      }
    }
    assertEquals(Paths.get("bulwark-audit.jsonl"), policy.audit().file());
    assertEquals(EnumSet.of(Outcome.DENY, Outcome.MONITOR, Outcome.ERROR), policy.audit().events());
    assertEquals(64, policy.sha256().length());
  }
}
