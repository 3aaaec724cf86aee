package io.bulwark.policy.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {

  /** Facts from a map keyed "root.name". */
  private static ConditionFacts facts(Object... pairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return (root, name) -> values.get(name.isEmpty() ? root : root + "." + name);
  }

  private static boolean holds(String expression, ConditionFacts facts) throws ConditionException {
    return Condition.parse(expression, Set.of("id", "tenant")).holds(facts);
  }

  @Test
  void ownerOrAdmin() throws Exception {
    String rule = "principal.id == path.id || 'admin' in principal.roles";
    assertTrue(holds(rule, facts("principal.id", "alice", "path.id", "alice", "principal.roles", Set.of())));
    assertFalse(holds(rule, facts("principal.id", "alice", "path.id", "bob", "principal.roles", Set.of("support"))));
    assertTrue(holds(rule, facts("principal.id", "carol", "path.id", "bob", "principal.roles", Set.of("admin"))));
  }

  @Test
  void precedenceIsNotThenAndThenOr() throws Exception {
    ConditionFacts f = facts("query.a", "1", "query.b", "2", "query.c", "3");
    assertTrue(holds("query.a == '1' || query.b == 'x' && query.c == 'y'", f));
    assertFalse(holds("(query.a == '1' || query.b == 'x') && query.c == 'y'", f));
    assertTrue(holds("!(query.a == '2') && query.c != '4'", f));
  }

  @Test
  void missingValuesNeverLetARequestThrough() throws Exception {
    ConditionFacts none = facts();
    assertFalse(holds("path.id == principal.id", none), "missing == missing is unknown, not true");
    assertFalse(holds("principal.claims.tenant != 'blocked'", none), "a missing claim is not 'not blocked'");
    assertFalse(holds("!(principal.claims.tenant == 'blocked')", none), "negating unknown stays unknown");
    assertTrue(holds("principal.claims.tenant == 'x' || query.a == '1'", facts("query.a", "1")),
        "unknown || true is true");
    assertFalse(holds("principal.claims.tenant == 'x' && query.a == '1'", facts("query.a", "1")));
  }

  @Test
  void numbersCompareByValueAndWithTheirText() throws Exception {
    assertTrue(holds("principal.claims.uid == path.id", facts("principal.claims.uid", 42L, "path.id", "42")));
    assertTrue(holds("principal.claims.level == 3", facts("principal.claims.level", 3.0)));
    assertFalse(holds("principal.claims.uid == path.id", facts("principal.claims.uid", 42L, "path.id", "042")));
  }

  @Test
  void listsAndBooleanClaims() throws Exception {
    assertTrue(holds("principal.id in ['alice', \"bob\"]", facts("principal.id", "bob")));
    assertFalse(holds("principal.id in []", facts("principal.id", "bob")));
    assertTrue(holds("principal.claims.email_verified", facts("principal.claims.email_verified", true)));
    assertFalse(holds("principal.claims.email_verified", facts("principal.claims.email_verified", "true")));
    assertFalse(holds("'admin' in principal.id", facts("principal.id", "admin")), "in needs a list");
    assertTrue(holds("method == 'GET' && client.ip == '10.0.0.1' && header.x-tenant == path.tenant",
        facts("method", "GET", "client.ip", "10.0.0.1", "header.x-tenant", "acme", "path.tenant", "acme")));
  }

  @Test
  void mistakesSayWhatWasExpectedAndWhere() {
    ConditionException unknownVariable = assertThrows(ConditionException.class,
        () -> Condition.parse("principal.id == path.user", Set.of("id")));
    assertEquals("expected one of the rule's path variables [id] but found 'path.user'", unknownVariable.getMessage());
    assertEquals(16, unknownVariable.offset());
    assertEquals("expected principal.id, principal.roles, principal.scopes, principal.scheme or"
        + " principal.claims.NAME but found 'principal.name'",
        assertThrows(ConditionException.class, () -> Condition.parse("principal.name == 'x'", Set.of())).getMessage());
    assertEquals("expected the closing ' of the string",
        assertThrows(ConditionException.class, () -> Condition.parse("principal.id == 'x", Set.of())).getMessage());
    assertEquals("expected an operator (==, !=, in, &&, ||) or the end, but found '='",
        assertThrows(ConditionException.class, () -> Condition.parse("principal.id = 'x'", Set.of())).getMessage());
    assertEquals("expected a comparison such as principal.id == path.id, not a lone value",
        assertThrows(ConditionException.class, () -> Condition.parse("'admin'", Set.of())).getMessage());
    assertThrows(ConditionException.class, () -> Condition.parse("", Set.of()));
    assertThrows(ConditionException.class, () -> Condition.parse("user.id == 'x'", Set.of()));
  }

  @Test
  void hostileExpressionsAreBounded() {
    String deep = "(".repeat(100) + "method == 'GET'" + ")".repeat(100);
    assertEquals("expected at most 32 levels of nesting",
        assertThrows(ConditionException.class, () -> Condition.parse(deep, Set.of())).getMessage());
    String longOne = "method == '" + "x".repeat(3000) + "'";
    assertThrows(ConditionException.class, () -> Condition.parse(longOne, Set.of()));
  }

  @Test
  void rolesFromFactsAreCollections() throws Exception {
    assertTrue(holds("'b' in principal.roles", facts("principal.roles", List.of("a", "b"))));
  }
}
