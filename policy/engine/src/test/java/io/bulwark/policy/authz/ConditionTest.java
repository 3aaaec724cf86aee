package io.bulwark.policy.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** when: conditions are CEL, compiled with the variables a request offers. */
class ConditionTest {

  /** One request's facts, set up per test. */
  private static final class Facts implements ConditionFacts {
    Principal principal;
    final Map<String, String> path = new HashMap<>();
    final Map<String, List<String>> query = new HashMap<>();
    final Map<String, List<String>> headers = new HashMap<>();
    String method = "GET";

    Facts principal(String id, Set<String> roles, Map<String, Object> claims) {
      principal = new Principal(id, AuthScheme.JWT, roles, Set.of("orders:read"), claims);
      return this;
    }

    Facts path(String name, String value) {
      path.put(name, value);
      return this;
    }

    Facts query(String name, String... values) {
      query.put(name, List.of(values));
      return this;
    }

    Facts header(String name, String... values) {
      headers.put(name.toLowerCase(Locale.ROOT), List.of(values));
      return this;
    }

    @Override public Principal principal() { return principal; }
    @Override public Map<String, String> pathVariables() { return path; }
    @Override public List<String> query(String name) { return query.getOrDefault(name, List.of()); }
    @Override public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
    @Override public String method() { return method; }
    @Override public String clientIp() { return "10.0.0.7"; }
  }

  private static boolean holds(String expression, Facts facts) throws ConditionException {
    return Condition.parse(expression, Set.of("id", "tenant"), true).holds(facts);
  }

  @Test
  void ownerOrAdmin() throws Exception {
    String rule = "principal.id == path.id || 'admin' in principal.roles";
    assertTrue(holds(rule, new Facts().principal("alice", Set.of(), Map.of()).path("id", "alice")));
    assertFalse(holds(rule, new Facts().principal("alice", Set.of("support"), Map.of()).path("id", "bob")));
    assertTrue(holds(rule, new Facts().principal("carol", Set.of("admin"), Map.of()).path("id", "bob")));
  }

  @Test
  void anythingMissingIsARefusalUnlessTheOtherSideDecides() throws Exception {
    Facts noClaims = new Facts().principal("alice", Set.of(), Map.of());
    assertFalse(holds("principal.claims.tenant != 'blocked'", noClaims), "an absent claim is not 'not blocked'");
    assertFalse(holds("!(principal.claims.tenant == 'blocked')", noClaims));
    assertTrue(holds("principal.claims.tenant == 'x' || principal.id == 'alice'", noClaims),
        "an error on one side of || is absorbed when the other side is true");
    assertFalse(holds("principal.id == path.id", new Facts()), "no principal, no path variable: refused");
    assertTrue(holds("has(principal.claims.tenant) ? principal.claims.tenant == path.tenant : true",
        noClaims.path("tenant", "acme")));
  }

  @Test
  void claimsRolesScopesAndNumbers() throws Exception {
    Facts facts = new Facts().principal("alice", Set.of("ops"), Map.of("tenant", "acme", "uid", 42L,
        "email_verified", true, "groups", List.of("eng", "oncall")));
    assertTrue(holds("principal.claims.tenant == path.tenant", facts.path("tenant", "acme")));
    assertTrue(holds("string(principal.claims.uid) == path.id", facts.path("id", "42")));
    assertTrue(holds("principal.claims.uid == 42 && principal.claims.uid > 41.5", facts));
    assertTrue(holds("principal.claims.email_verified", facts));
    assertTrue(holds("principal.claims.groups.exists(g, g.startsWith('on'))", facts));
    assertTrue(holds("'orders:read' in principal.scopes && principal.scheme == 'jwt'", facts));
  }

  @Test
  void repeatedParametersAndHeadersHaveNoValue() throws Exception {
    assertTrue(holds("query.owner == 'alice'", new Facts().query("owner", "alice")));
    assertFalse(holds("query.owner == 'alice'", new Facts().query("owner", "alice", "bob")),
        "the application may read the other copy");
    assertTrue(holds("header['x-tenant'] == path.tenant && method == 'GET' && client.ip.startsWith('10.')",
        new Facts().header("X-Tenant", "acme").path("tenant", "acme")));
    assertFalse(holds("header['x-tenant'] == 'acme'", new Facts().header("X-Tenant", "acme", "evil")));
  }

  @Test
  void timeOfDay() throws Exception {
    assertTrue(holds("now > timestamp('2020-01-01T00:00:00Z')", new Facts()));
    assertTrue(holds("now.getHours('UTC') >= 0", new Facts()));
  }

  @Test
  void mistakesAreReportedWithTheirPlaceInTheExpression() {
    ConditionException undeclared = assertThrows(ConditionException.class,
        () -> Condition.parse("user.id == 'x'", Set.of(), true));
    assertEquals("undeclared reference to 'user' (in container '')", undeclared.getMessage());
    assertEquals(1, undeclared.line());
    assertEquals(1, undeclared.column());
    ConditionException syntax = assertThrows(ConditionException.class,
        () -> Condition.parse("principal.id == ", Set.of(), true));
    assertTrue(syntax.getMessage().startsWith("mismatched input '<EOF>'"), syntax.getMessage());
    assertEquals(17, syntax.column());
    ConditionException type = assertThrows(ConditionException.class,
        () -> Condition.parse("path.id + 1 == 2", Set.of("id"), true));
    assertTrue(type.getMessage().startsWith("found no matching overload for '_+_' applied to '(string, int)'"),
        type.getMessage());
    assertEquals("expected a condition that is true or false, but it gives string",
        assertThrows(ConditionException.class, () -> Condition.parse("path.id", Set.of("id"), true)).getMessage());
    assertEquals("expected one of the rule's path variables [id] but found path.user",
        assertThrows(ConditionException.class, () -> Condition.parse("principal.id == path.user", Set.of("id"), true))
            .getMessage());
    assertTrue(assertThrows(ConditionException.class, () -> Condition.parse("header[principal.id] == 'x'",
        Set.of(), true)).getMessage().startsWith("expected header keys written out"));
  }

  @Test
  void hostileExpressionsAreBounded() throws Exception {
    String deep = "(".repeat(100) + "method == 'GET'" + ")".repeat(100);
    assertThrows(ConditionException.class, () -> Condition.parse(deep, Set.of(), true));
    assertThrows(ConditionException.class,
        () -> Condition.parse("method == '" + "x".repeat(3000) + "'", Set.of(), true));
    // a comprehension bigger than the iteration limit is an error at run time: refused
    Facts facts = new Facts().principal("a", Set.of(), Map.of("big", java.util.Collections.nCopies(5000, "x")));
    assertFalse(holds("principal.claims.big.all(x, x == 'x')", facts));
  }

  @Test
  void principalNeedsAnAuthenticatingRule() {
    assertEquals("the condition uses principal, so the rule needs 'require: { auth: [...] }'",
        assertThrows(ConditionException.class, () -> Condition.parse("principal.id == 'a'", Set.of(), false))
            .getMessage());
  }

  @Test
  void conditionCompiledOnFirstUseBehavesTheSameOrNeverHolds() {
    Facts alice = new Facts().principal("alice", Set.of(), Map.of()).path("id", "alice");
    assertTrue(Condition.onFirstUse("principal.id == path.id", Set.of("id"), true,
        "policy.yaml:9:11: rules[0] 'a'.when")
        .holds(alice));
    assertFalse(Condition.onFirstUse("principal.id == path.uid", Set.of("id"), true,
        "policy.yaml:9:11: rules[0] 'a'.when")
        .holds(alice), "a condition that does not compile refuses");
  }
}
