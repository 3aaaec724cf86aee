package io.bulwark.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bulwark.policy.model.OperationPattern;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.RouteTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMatchReaderTest {

  private static Map<String, String> problems(String yaml) {
    List<Problem> problems =
        assertThrows(PolicyException.class, () -> PolicyLoader.parse(yaml, "policy.yaml")).problems();
    Map<String, String> positions = new LinkedHashMap<>();
    for (Problem problem : problems) {
      positions.put(problem.location().line() + ":" + problem.location().column(), problem.message());
    }
    return positions;
  }

  @Test
  void routesAreNormalizedAndPathIsOptional() throws Exception {
    Policy policy = PolicyLoader.parse("""
        version: 1
        rules:
          - name: users
            match: { route: ["/users/{id: [0-9]{1,9}}/", "//users"], operation: "Users#*" }
            action: deny
        default: allow
        """, "policy.yaml");
    assertEquals(List.of("/users/{}", "/users"), policy.rules().get(0).match().routes());
    assertEquals("/**", policy.rules().get(0).path().toString());
    assertEquals(true, policy.testsRouting());
  }

  @Test
  void badRoutesAndOperationsAreReportedWithTheirPositions() {
    Map<String, String> problems = problems("""
        version: 1
        rules:
          - name: a
            match: { route: ["users/{id}", "/users/{id"] }
            action: deny
          - name: b
            match: { operation: [Users, "Users#", "a-b#get", "Users#get()"] }
            action: deny
          - name: c
            match: { route: [] }
            action: deny
          - name: d
            match: { methods: [GET] }
            action: deny
        default: allow
        """);
    assertEquals(Map.of(
        "4:22", "rules[0] 'a'.match.route: expected a route template starting with '/', with balanced braces,"
            + " e.g. /users/{id}, but found 'users/{id}'",
        "4:36", "rules[0] 'a'.match.route: expected a route template starting with '/', with balanced braces,"
            + " e.g. /users/{id}, but found '/users/{id'",
        "7:26", "rules[1] 'b'.match.operation: expected Class#method, e.g. UsersResource#delete or"
            + " com.example.UsersResource#*, but found 'Users'",
        "7:33", "rules[1] 'b'.match.operation: expected Class#method, e.g. UsersResource#delete or"
            + " com.example.UsersResource#*, but found 'Users#'",
        "7:43", "rules[1] 'b'.match.operation: expected a Java class name before '#' in 'a-b#get', e.g."
            + " UsersResource or com.example.UsersResource",
        "7:54", "rules[1] 'b'.match.operation: expected a Java method name or * after '#' in 'Users#get()'",
        "10:21", "rules[2] 'c'.match.route: expected at least one value, e.g. /users/{id} or [/users/{id}, /users]",
        "13:12", "rules[3] 'd'.match: missing 'path' (or 'route' or 'operation')"), problems);
  }

  @Test
  void aRouteRuleAfterTheSameRouteForAllMethodsIsShadowed() {
    Map<String, String> problems = problems("""
        version: 1
        rules:
          - name: users
            match: { route: "/users/{id}" }
            action: allow
          - name: users-delete
            match: { route: "/users/{userId}", methods: [DELETE] }
            action: deny
          - name: any-export
            match: { operation: "Users#*" }
            action: deny
          - name: export
            match: { operation: "com.example.Users#export" }
            action: deny
        default: allow
        """);
    assertEquals(List.of("6:5", "12:5"), List.copyOf(problems.keySet()));
  }

  @Test
  void templatesCompareWithoutVariableNamesOrRegularExpressions() {
    assertEquals("/users/{}/orders/{}", RouteTemplate.normalize("users/{id}/orders/{o: \\d+}/"));
    assertEquals("/", RouteTemplate.normalize(""));
    assertEquals("/", RouteTemplate.normalize("/"));
    assertEquals(null, RouteTemplate.normalize("/a/{b"));
    assertEquals(null, RouteTemplate.normalize("/a/}"));
    assertEquals("/api/files/{}", RouteTemplate.normalize("/api/files/{*path}"));
  }

  @Test
  void operationPatterns() {
    assertEquals(true, OperationPattern.parse("Users#get").matches("com.example.Users#get"));
    assertEquals(true, OperationPattern.parse("Users#get").matches("com.example.Outer$Users#get"));
    assertEquals(false, OperationPattern.parse("Users#get").matches("com.example.Users#getAll"));
    assertEquals(false, OperationPattern.parse("Users#get").matches("com.example.MyUsers#get"));
    assertEquals(true, OperationPattern.parse("com.example.Users#*").matches("com.example.Users#delete"));
    assertEquals(false, OperationPattern.parse("com.example.Users#*").matches("org.example.Users#delete"));
    assertEquals(false, OperationPattern.parse("Users#*").matches(null));
  }
}
