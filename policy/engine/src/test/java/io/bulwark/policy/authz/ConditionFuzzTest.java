package io.bulwark.policy.authz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any {@code when:} condition: compiling never throws anything but a {@link ConditionException}
 * with a place in the expression, and a condition that compiles evaluates to true or false for
 * any request (an evaluation error is "not true", never an exception).
 */
class ConditionFuzzTest {

  private static final Principal ALICE = new Principal("alice", AuthScheme.JWT, Set.of("admin"), Set.of("orders"),
      Map.of("tenant", "acme", "uid", 42L, "groups", List.of("a", "b"), "nested", Map.of("k", "v")));

  @FuzzTest
  @DictionaryEntries({"principal.id", "principal.roles", "principal.claims.", "path.id", "query.", "header['",
      "method", "client.ip", "now", "==", "!=", " in ", "&&", "||", "has(", ".exists(r, ", ".all(", "size(",
      ".startsWith(", ".matches(", "string(", "int(", "timestamp(", "duration(", ".getHours(", "'admin'", "[1,2]"})
  void anyCondition(FuzzedDataProvider data) {
    String method = data.consumeString(10);
    String query = data.consumeString(40);
    String source = data.consumeRemainingAsString();
    Condition condition;
    try {
      condition = Condition.parse(source, Set.of("id"), true);
    } catch (ConditionException e) {
      assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
      assertNotNull(e.getMessage());
      assertFalse(e.getMessage().isBlank());
      return;
    }
    ConditionFacts facts = new ConditionFacts() {
      @Override
      public Principal principal() {
        return ALICE;
      }

      @Override
      public Map<String, String> pathVariables() {
        return Map.of("id", query);
      }

      @Override
      public List<String> query(String name) {
        return name.equals("q") ? List.of(query) : List.of(query, query);
      }

      @Override
      public List<String> headers(String name) {
        return List.of(method);
      }

      @Override
      public String method() {
        return method;
      }

      @Override
      public String clientIp() {
        return "203.0.113.9";
      }
    };
    condition.holds(facts);
  }
}
