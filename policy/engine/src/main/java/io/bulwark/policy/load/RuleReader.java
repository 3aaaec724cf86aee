package io.bulwark.policy.load;

import io.bulwark.policy.authz.Condition;
import io.bulwark.policy.authz.ConditionException;
import io.bulwark.policy.authz.Requirement;
import io.bulwark.policy.model.Action;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.model.RuleMatch;
import io.bulwark.policy.ratelimit.RateLimit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code rules:} list. Each rule's {@code match:} is read by {@link MatchReader}; a new
 * rule key is one entry in {@link #KEYS} and one line in {@link #rule}.
 */
final class RuleReader {

  static final List<String> KEYS = List.of("name", "match", "action", "require", "when", "rateLimit");

  private final Nodes nodes;
  private final Problems problems;
  private final Set<String> names = new HashSet<>();
  private final RequireReader requireReader;
  private final boolean conditionsOnFirstUse;

  RuleReader(Nodes nodes, RequireReader requireReader, boolean conditionsOnFirstUse) {
    this.nodes = nodes;
    this.problems = nodes.problems();
    this.requireReader = requireReader;
    this.conditionsOnFirstUse = conditionsOnFirstUse;
  }

  /** The rules that could be read; problems are reported for the others. Empty when absent. */
  List<Rule> read(Node node) {
    if (node == null) {
      return List.of();
    }
    List<Rule> rules = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Node> items = nodes.sequence(node, "rules",
        "[{ name: health, match: { path: /health }, action: allow }]");
    for (int i = 0; i < items.size(); i++) {
      Rule rule = rule(items.get(i), "rules[" + i + "]");
      if (rule != null) {
        rules.add(rule);
        labels.add("rules[" + i + "] '" + rule.name() + "'");
      }
    }
    ShadowCheck.report(rules, labels, problems);
    return rules;
  }

  private Rule rule(Node node, String what) {
    Map<String, Node> fields = nodes.mapping(node, what, KEYS);
    if (!(node instanceof MappingNode)) {
      return null; // already reported; a mapping, even an empty one, goes on to report what is missing
    }
    String name = name(node, fields.get("name"), what);
    if (name != null) {
      what = what + " '" + name + "'";
    }
    RuleMatch match = null;
    if (fields.containsKey("match")) {
      match = new MatchReader(nodes).read(fields.get("match"), what + ".match");
    } else {
      problems.add(node, what + ": missing 'match'");
    }
    Action action = null;
    Requirement requirement = null;
    boolean requires = fields.containsKey("require");
    if (fields.containsKey("action")) {
      action = nodes.keyword(fields.get("action"), what + ".action", Action.class);
      if (requires) {
        problems.add(Nodes.keyNode(node, "action"), what + ": a rule with 'require' lets authenticated requests"
            + " through; expected either 'action' or 'require', not both");
      }
    } else if (requires) {
      action = Action.ALLOW;
    } else {
      problems.add(node, what + ": missing 'action' (allow or deny) or 'require' (authenticate)");
    }
    if (requires) {
      requirement = requireReader.read(fields.get("require"), what);
    }
    Condition condition = null;
    if (fields.containsKey("when")) {
      condition = condition(fields.get("when"), what, match, action, requires);
    }
    RateLimit rateLimit = null;
    if (fields.containsKey("rateLimit")) {
      rateLimit = new RateLimitReader(nodes).read(fields.get("rateLimit"), what, name, action, requirement, requires);
    }
    if (name == null || match == null || action == null || requires && requirement == null
        || fields.containsKey("when") && condition == null || fields.containsKey("rateLimit") && rateLimit == null) {
      return null;
    }
    return Rule.builder(name).match(match).action(action).require(requirement).when(condition)
        .rateLimit(rateLimit).location(problems.locate(node)).build();
  }

  private Condition condition(Node node, String what, RuleMatch match, Action action, boolean requires) {
    String text = nodes.string(node, what + ".when");
    if (text == null || match == null) {
      return null;
    }
    if (action == Action.DENY) {
      problems.add(node, what + ".when: a condition decides who is let through; it has no use on a rule that denies");
      return null;
    }
    if (conditionsOnFirstUse) {
      return Condition.onFirstUse(text, new HashSet<>(match.path().variables()), requires,
          problems.locate(node) + ": " + what + ".when");
    }
    Condition condition;
    try {
      condition = Condition.parse(text, new HashSet<>(match.path().variables()), requires);
    } catch (ConditionException e) {
      problems.add(node,
          what + ".when: " + e.getMessage() + " (at " + e.line() + ":" + e.column() + " of the condition)");
      return null;
    }
    return condition;
  }

  private String name(Node rule, Node node, String what) {
    if (node == null) {
      problems.add(rule, what + ": missing 'name'");
      return null;
    }
    String name = nodes.string(node, what + ".name");
    if (name != null && !names.add(name)) {
      problems.add(node, what + " '" + name + "': duplicate rule name; every rule needs its own name");
    }
    return name;
  }
}
