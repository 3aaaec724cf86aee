package io.bulwark.policy.load;

import io.bulwark.policy.model.RuleMatch;
import io.bulwark.policy.path.PathPattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a rule's {@code match:}: which requests the rule applies to. */
final class MatchReader {

  static final List<String> KEYS = List.of("path", "methods");

  private final Nodes nodes;
  private final Problems problems;

  MatchReader(Nodes nodes) {
    this.nodes = nodes;
    this.problems = nodes.problems();
  }

  /** The criteria, or {@code null} when they cannot be used (problems were reported). */
  RuleMatch read(Node node, String what) {
    Map<String, Node> match = nodes.mapping(node, what, KEYS);
    PathPattern path = null;
    if (match.containsKey("path")) {
      path = pathPattern(match.get("path"), what + ".path");
    } else if (node instanceof MappingNode) {
      problems.add(node, what + ": missing 'path'");
    }
    Set<String> methods = match.containsKey("methods") ? methods(match.get("methods"), what + ".methods") : Set.of();
    return path == null ? null : RuleMatch.builder(path).methods(methods).build();
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

  static boolean isToken(String method) {
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
}
