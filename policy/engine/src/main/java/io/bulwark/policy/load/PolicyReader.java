package io.bulwark.policy.load;

import io.bulwark.policy.model.Action;
import io.bulwark.policy.model.AuditSettings;
import io.bulwark.policy.model.Mode;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.path.PathPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Binds a policy document's node tree to the {@link Policy} model, reporting every mistake. */
final class PolicyReader {

  static final List<String> TOP_LEVEL_KEYS =
      List.of("version", "mode", "onAgentError", "rules", "default", "audit");
  static final List<String> RULE_KEYS = List.of("name", "match", "action");
  static final List<String> MATCH_KEYS = List.of("path", "methods");
  static final List<String> AUDIT_KEYS = AuditSettingsReader.KEYS;

  private final Nodes nodes;
  private final Problems problems;

  PolicyReader(Problems problems) {
    this.problems = problems;
    this.nodes = new Nodes(problems);
  }

  /** Returns the policy, or {@code null} when problems were reported. */
  Policy read(Node root, String sha256) {
    Map<String, Node> top = nodes.mapping(root, "policy", TOP_LEVEL_KEYS);
    if (!top.containsKey("version") && root != null && problems.isEmpty()) {
      problems.add(root, "policy: missing 'version: 1'");
    }
    Node versionNode = top.get("version");
    if (versionNode != null) {
      Integer version = nodes.integer(versionNode, "version");
      if (version != null && version != 1) {
        problems.add(versionNode, "version: expected 1 (the only policy version this agent reads) but found " + version);
      }
    }
    Mode mode = optionalKeyword(top, "mode", Mode.class, Mode.ENFORCE);
    Action onAgentError = optionalKeyword(top, "onAgentError", Action.class, Action.ALLOW);
    Action defaultAction = optionalKeyword(top, "default", Action.class, Action.ALLOW);
    List<Rule> rules = top.containsKey("rules") ? rules(top.get("rules")) : List.of();
    Node rulesNode = top.get("rules");
    boolean hasRules = rulesNode instanceof SequenceNode
        && !((SequenceNode) rulesNode).getValue().isEmpty();
    if (hasRules && !top.containsKey("default")) {
      // With rules, what happens to everything else is the policy's most important decision:
      // it is written down, never implied.
      problems.add(keyNode(root, "rules"),
          "policy: missing 'default' (allow or deny): what happens to requests no rule matches");
    }
    AuditSettings audit = top.containsKey("audit") ? audit(top.get("audit")) : AuditSettings.DEFAULT;
    if (!problems.isEmpty()) {
      return null;
    }
    return new Policy(problems.file(), sha256, mode, onAgentError, rules, defaultAction, audit);
  }

  /** The key node of {@code key} in a mapping, to point a problem at the line that raised it. */
  private static Node keyNode(Node mapping, String key) {
    if (mapping instanceof MappingNode) {
      for (NodeTuple tuple : ((MappingNode) mapping).getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (keyNode instanceof ScalarNode
            && key.equals(((ScalarNode) keyNode).getValue())) {
          return keyNode;
        }
      }
    }
    return mapping;
  }

  private <E extends Enum<E>> E optionalKeyword(Map<String, Node> map, String key, Class<E> type, E fallback) {
    Node node = map.get(key);
    return node == null ? fallback : nodes.keyword(node, key, type);
  }

  private List<Rule> rules(Node node) {
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Node> items = nodes.sequence(node, "rules",
        "[{ name: health, match: { path: /health }, action: allow }]");
    for (int i = 0; i < items.size(); i++) {
      Rule rule = rule(items.get(i), "rules[" + i + "]", names);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private Rule rule(Node node, String what, Set<String> names) {
    Map<String, Node> fields = nodes.mapping(node, what, RULE_KEYS);
    if (!(node instanceof MappingNode)) {
      return null; // already reported; a mapping, even an empty one, goes on to report what is missing
    }
    String name = null;
    if (fields.containsKey("name")) {
      name = nodes.string(fields.get("name"), what + ".name");
      if (name != null) {
        what = what + " '" + name + "'";
        if (!names.add(name)) {
          problems.add(fields.get("name"), what + ": duplicate rule name; every rule needs its own name");
        }
      }
    } else {
      problems.add(node, what + ": missing 'name'");
    }
    PathPattern path = null;
    Set<String> methods = Set.of();
    if (fields.containsKey("match")) {
      Node matchNode = fields.get("match");
      Map<String, Node> match = nodes.mapping(matchNode, what + ".match", MATCH_KEYS);
      if (match.containsKey("path")) {
        path = pathPattern(match.get("path"), what + ".match.path");
      } else if (!match.isEmpty() || matchNode instanceof MappingNode) {
        problems.add(matchNode, what + ".match: missing 'path'");
      }
      if (match.containsKey("methods")) {
        methods = methods(match.get("methods"), what + ".match.methods");
      }
    } else {
      problems.add(node, what + ": missing 'match'");
    }
    Action action = null;
    if (fields.containsKey("action")) {
      action = nodes.keyword(fields.get("action"), what + ".action", Action.class);
    } else {
      problems.add(node, what + ": missing 'action' (allow or deny)");
    }
    if (name == null || path == null || action == null) {
      return null;
    }
    return new Rule(name, path, methods, action, problems.locate(node));
  }

  private PathPattern pathPattern(Node node, String what) {
    String text = nodes.string(node, what);
    if (text == null) {
      return null;
    }
    try {
      return PathPattern.compile(text);
    } catch (IllegalArgumentException e) {
      problems.add(node, what + ": " + e.getMessage());
      return null;
    }
  }

  private Set<String> methods(Node node, String what) {
    Set<String> methods = new LinkedHashSet<>();
    for (Node item : nodes.sequence(node, what, "[GET, POST]")) {
      String method = nodes.string(item, what);
      if (method == null) {
        continue;
      }
      if (!isToken(method)) {
        problems.add(item, what + ": expected an HTTP method such as GET but found '" + method + "'");
        continue;
      }
      methods.add(method.toUpperCase(Locale.ROOT));
    }
    return methods;
  }

  private static boolean isToken(String method) {
    if (method.isEmpty() || method.length() > 32) {
      return false;
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private AuditSettings audit(Node node) {
    return new AuditSettingsReader(nodes, problems).read(node);
  }
}
