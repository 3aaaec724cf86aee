package io.bulwark.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bulwark.policy.path.CanonicalPath;
import io.bulwark.policy.path.PathCanonicalizer;
import io.bulwark.policy.path.PathPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index finds exactly the rule a test of every rule in order would find. */
class RuleIndexTest {

  private static final List<String> SEGMENTS = List.of("api", "API", "admin", "v1", "x", "users", "a.json", "*", "**");
  private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "DELETE");

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void indexedMatchEqualsLinearMatch(boolean suffixMatch) {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<Rule> rules = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(40); i++) {
        String pattern = randomPath(random, true);
        Set<String> methods = random.nextBoolean() ? Set.of() : Set.of(METHODS.get(random.nextInt(METHODS.size())));
        rules.add(new Rule("r" + i, PathPattern.compile(pattern), methods, Action.DENY, SourceLocation.BUILT_IN));
      }
      Policy policy = Policy.builder("p", "0").rules(rules).routing(new Routing(null, suffixMatch)).build();
      for (int probe = 0; probe < 50; probe++) {
        CanonicalPath path = PathCanonicalizer.canonicalize(randomPath(random, false));
        RequestFacts request = RequestFacts.of(METHODS.get(random.nextInt(METHODS.size())), path);
        Rule linear = null;
        for (Rule rule : rules) {
          boolean matches = rule.match().matches(request, suffixMatch);
          boolean allChecksHold = rule.match().checks(request, suffixMatch).stream().allMatch(MatchCheck::holds);
          assertEquals(matches, allChecksHold, "policy explain says what matching does: " + rule);
          if (matches && linear == null) {
            linear = rule;
          }
        }
        assertEquals(linear, policy.firstMatch(request), () -> rules + " for " + request.method() + " " + path);
      }
    }
  }

  private static String randomPath(Random random, boolean pattern) {
    StringBuilder path = new StringBuilder();
    int length = random.nextInt(4);
    for (int i = 0; i < length; i++) {
      String segment = SEGMENTS.get(random.nextInt(pattern ? SEGMENTS.size() : SEGMENTS.size() - 2));
      path.append('/').append(segment);
    }
    return path.length() == 0 ? "/" : path.toString();
  }
}
