package io.bulwark.policy.model;

import io.bulwark.policy.path.AsciiCase;
import io.bulwark.policy.path.CanonicalPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that can match a path, found by the path's first segment, in policy order. A rule
 * whose pattern starts with a literal ({@code /api/**}) can only match paths starting with that
 * segment; the others ({@code /**}, {@code /*}{@code /x}, {@code /}) are candidates for every path.
 * So a request is tested against a handful of rules instead of all of them, with the same result
 * as testing every rule in order.
 */
final class RuleIndex {

  static final int LINEAR_UP_TO = 8;

  private final Rule[] all;
  private final Rule[] wildcards;
  private final Map<String, Rule[]> byFirstLiteral;
  private final boolean suffixMatch;

  RuleIndex(List<Rule> rules, boolean suffixMatch) {
    this.all = rules.toArray(new Rule[0]);
    this.suffixMatch = suffixMatch;
    List<Rule> wild = new ArrayList<>();
    Map<String, List<Rule>> literal = new HashMap<>();
    for (Rule rule : rules) {
      String first = rule.path().firstLiteral();
      if (first == null) {
        wild.add(rule);
        // a wildcard rule is a candidate for every path, including those under each literal
        for (List<Rule> candidates : literal.values()) {
          candidates.add(rule);
        }
      } else {
        literal.computeIfAbsent(first, k -> new ArrayList<>(wild)).add(rule);
      }
    }
    this.wildcards = wild.toArray(new Rule[0]);
    this.byFirstLiteral = new HashMap<>();
    literal.forEach((key, candidates) -> byFirstLiteral.put(key, candidates.toArray(new Rule[0])));
  }

  Rule firstMatch(RequestFacts request) {
    for (Rule rule : candidates(request.path())) {
      if (rule.match().matches(request, suffixMatch)) {
        return rule;
      }
    }
    return null;
  }

  private Rule[] candidates(CanonicalPath path) {
    if (all.length <= LINEAR_UP_TO) {
      return all; // a few rules are tested faster one by one than the index is looked up
    }
    if (path.segmentCount() == 0) {
      return wildcards;
    }
    String first = path.segment(0);
    if (suffixMatch && path.segmentCount() == 1 && first.indexOf('.') >= 0) {
      return all; // '/admin.json' may match a rule for '/admin': rare enough to test every rule
    }
    Rule[] candidates = byFirstLiteral.get(AsciiCase.toLower(first));
    return candidates != null ? candidates : wildcards;
  }
}
