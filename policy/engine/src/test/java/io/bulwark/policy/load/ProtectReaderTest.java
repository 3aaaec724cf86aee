package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.protect.DeserializationSettings;
import io.bulwark.policy.protect.Limits;
import io.bulwark.policy.protect.ProcessStart;
import io.bulwark.policy.protect.ProtectAction;
import io.bulwark.policy.protect.Protection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** protect: and limits: what is read, the defaults, and what is refused where. */
class ProtectReaderTest {

  private static final String RULES = """
      version: 1
      rules:
        - name: cms-pages
          match: { path: /cms/** }
          action: allow
      default: allow
      """;

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

  @Test
  void withoutProtectTheHarmlessToBlockCategoriesBlockAndTheRestMonitor() throws Exception {
    Protection protection = parse("version: 1\n").protect();

    for (Category category : List.of(Category.SQL_INJECTION, Category.COMMAND_INJECTION, Category.PATH_TRAVERSAL,
        Category.JNDI, Category.XXE)) {
      assertEquals(ProtectAction.BLOCK, protection.action(category), category.policyKey());
    }
    for (Category category : List.of(Category.XSS, Category.SSRF, Category.LDAP_INJECTION,
        Category.NOSQL_INJECTION, Category.CRLF_INJECTION)) {
      assertEquals(ProtectAction.MONITOR, protection.action(category), category.policyKey());
    }
    assertEquals(ProtectAction.BLOCK, protection.deserialization().action());
    assertEquals(ProcessStart.ALLOW, protection.processStart());
    assertFalse(protection.xxeHarden());
    assertEquals(Set.of("user-agent", "referer", "x-forwarded-host"), protection.inputs().headers());
    assertTrue(protection.inputs().cookies());
    assertFalse(protection.inputs().multipart());
    assertEquals(Limits.DEFAULT, parse("version: 1\n").limits());
    assertEquals(1 << 20, Limits.DEFAULT.maxBodySize());
  }

  @Test
  void everyKeyOfTheBriefIsReadInShorthandAndObjectForm() throws Exception {
    Policy policy = parse(RULES + """
        protect:
          sqlInjection: block
          xss: monitor
          commandInjection: { action: block, processStart: deny }
          pathTraversal: off
          ssrf: { action: block, allowHosts: [api.partner.example.com, "*.internal.example"] }
          xxe: { action: block, harden: true }
          jndi: BLOCK
          ldapInjection: block
          nosqlInjection: { action: off }
          crlfInjection: block
          deserialization: { action: monitor, denyClasses: ["org.apache.commons.collections.functors.*", com.example.Gadget], maxDepth: 50, maxArrayLength: 1000, maxReferences: 5000 }
          inputs: { headers: [User-Agent, X-Api-Version], cookies: false, multipart: true }
          exclude:
            - { rules: [cms-pages], inputs: ["json.$.content", "form.body", "json.$.blocks*"], categories: [xss, sqlInjection] }
            - { inputs: [query.filter] }
        limits: { maxBodySize: 2MB, maxJsonDepth: 32, maxJsonSize: 512KB, maxParameters: 200, maxHeaders: 50 }
        """);
    Protection protection = policy.protect();

    assertEquals(ProtectAction.MONITOR, protection.action(Category.XSS));
    assertEquals(ProtectAction.OFF, protection.action(Category.PATH_TRAVERSAL));
    assertEquals(ProtectAction.OFF, protection.action(Category.NOSQL_INJECTION));
    assertEquals(ProtectAction.BLOCK, protection.action(Category.CRLF_INJECTION));
    assertFalse(protection.inspected().contains(Category.PATH_TRAVERSAL));
    assertEquals(ProcessStart.DENY, protection.processStart());
    assertTrue(protection.ssrfAllowed("api.partner.example.com"));
    assertTrue(protection.ssrfAllowed("billing.internal.example"));
    assertFalse(protection.ssrfAllowed("internal.example"));
    assertTrue(protection.xxeHarden());
    DeserializationSettings deserialization = protection.deserialization();
    assertEquals(ProtectAction.MONITOR, deserialization.action());
    assertTrue(deserialization.denies("org.apache.commons.collections.functors.InvokerTransformer"));
    assertTrue(deserialization.denies("com.example.Gadget"));
    assertFalse(deserialization.denies("com.example.GadgetFactory"));
    assertEquals(List.of(50, 1000, 5000L), List.of(deserialization.maxDepth(), deserialization.maxArrayLength(),
        deserialization.maxReferences()));
    assertEquals(Set.of("user-agent", "x-api-version"), protection.inputs().headers());
    assertFalse(protection.inputs().cookies());
    assertTrue(protection.inputs().multipart());

    Rule cms = policy.rules().get(0);
    assertTrue(protection.excluded(cms, "json.$.content", Category.XSS));
    assertTrue(protection.excluded(cms, "json.$.blocks[3].html", Category.SQL_INJECTION), "a prefix ending in *");
    assertFalse(protection.excluded(cms, "json.$.content", Category.JNDI), "only the listed categories");
    assertFalse(protection.excluded(null, "json.$.content", Category.XSS), "only under the listed rules");
    assertFalse(protection.excluded(cms, "json.$.title", Category.XSS), "only the listed inputs");
    assertTrue(protection.excluded(null, "query.filter", Category.SQL_INJECTION), "any rule, any category");

    assertEquals(new Limits(2 << 20, 32, 512 << 10, 200, 50), policy.limits());
  }

  @Test
  void monitorModeTurnsEveryBlockIntoMonitor() throws Exception {
    Protection protection = parse("""
        version: 1
        mode: monitor
        protect:
          sqlInjection: block
          xss: off
          commandInjection: { action: block, processStart: deny }
        """).protect();

    for (Category category : Category.values()) {
      assertFalse(protection.action(category) == ProtectAction.BLOCK, category.policyKey());
    }
    assertEquals(ProtectAction.MONITOR, protection.action(Category.SQL_INJECTION));
    assertEquals(ProtectAction.OFF, protection.action(Category.XSS));
    assertEquals(ProtectAction.MONITOR, protection.deserialization().action());
    assertEquals(ProcessStart.AUDIT, protection.processStart());
  }

  @Test
  void everyMistakeIsReportedInOnePassWhereItWasMade() {
    Map<String, String> problems = problems(RULES + """
        protect:
          sqlInjection: refuse
          xss: [block]
          sqlInjections: block
          ssrf: { action: block, allowHosts: ["http://x.example"], port: 80 }
          xxe: { harden: maybe }
          commandInjection: { processStart: never }
          deserialization: { denyClasses: ["com..Bad"], maxDepth: 0 }
          inputs: { headers: ["bad header"], cookies: yes please }
          exclude:
            - { rules: [cms-page], inputs: [json.content], categories: [xxs] }
            - {}
        limits: { maxBodySize: 1 MiB, maxJsonDepth: -1, maxJsonSize: 10B, maxParameters: many, maxHeader: 10 }
        """);

    assertEquals(List.of("8:17", "9:8", "10:3", "11:38", "11:60", "12:18", "13:37", "14:35", "14:59", "15:22",
        "15:47", "17:16", "17:36", "17:64", "18:7", "19:24", "19:45", "19:62", "19:82", "19:88"),
        List.copyOf(problems.keySet()), problems.toString());
    assertEquals("protect.sqlInjection: expected one of block, monitor, off but found 'refuse'", problems.get("8:17"));
    assertTrue(problems.get("9:8").startsWith("protect.xss: expected block, monitor or off, or a mapping"),
        problems.get("9:8"));
    assertTrue(problems.get("10:3").contains("unknown key 'sqlInjections' (did you mean 'sqlInjection'?)"));
    assertTrue(problems.get("11:38").startsWith("protect.ssrf.allowHosts: expected a host name"));
    assertTrue(problems.get("17:16").contains("no rule is named 'cms-page' (did you mean 'cms-pages'?)"));
    assertTrue(problems.get("17:36").contains("json.content"));
    assertTrue(problems.get("17:64").contains("'xxs' (did you mean 'xss'?)"));
    assertTrue(problems.get("18:7").contains("at least one of rules, inputs, categories"));
    assertTrue(problems.get("19:24").startsWith("limits.maxBodySize: expected a size such as"));
    assertEquals("limits.maxJsonSize: expected a size from 1KB to 1GB but found '10B'", problems.get("19:62"));
  }
}
