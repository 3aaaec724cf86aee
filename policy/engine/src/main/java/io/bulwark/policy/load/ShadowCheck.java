package io.bulwark.policy.load;

import io.bulwark.policy.model.Rule;
import java.util.List;

/**
 * Finds rules that can never match because an earlier rule matches every request they match (first
 * match wins, so the later rule is dead). A dead rule is almost always a mistake in the order: the
 * narrower rule was meant to come first.
 */
final class ShadowCheck {

  private ShadowCheck() {}

  static void report(List<Rule> rules, List<String> labels, Problems problems) {
    for (int j = 1; j < rules.size(); j++) {
      Rule later = rules.get(j);
      for (int i = 0; i < j; i++) {
        Rule earlier = rules.get(i);
        if (mayOverlap(earlier, later) && earlier.match().covers(later.match())) {
          problems.add(later.location(), labels.get(j) + ": can never match: rule '" + earlier.name()
              + "' (line " + earlier.location().line() + ") comes first and matches every request this"
              + " rule matches; expected this rule above '" + earlier.name() + "', or '" + earlier.name()
              + "' narrowed");
          break;
        }
      }
    }
  }

  /** A cheap filter: rules starting with different literal segments match different paths. */
  private static boolean mayOverlap(Rule earlier, Rule later) {
    String first = earlier.path().firstLiteral();
    return first == null || first.equals(later.path().firstLiteral());
  }
}
