package io.bulwark.policy.load;

import io.bulwark.policy.model.HeaderCondition;
import io.bulwark.policy.model.HostPattern;
import io.bulwark.policy.model.Methods;
import io.bulwark.policy.model.OperationPattern;
import io.bulwark.policy.model.RouteTemplate;
import io.bulwark.policy.model.RuleMatch;
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
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads a rule's {@code match:}: which requests the rule applies to. */
final class MatchReader {

  static final List<String> KEYS = List.of("path", "methods", "hosts", "headers", "route", "operation");

  /** What a rule with only {@code route} or {@code operation} matches on the path: any path. */
  private static final PathPattern ANY_PATH = PathPattern.compile("/**");

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
    boolean routing = match.containsKey("route") || match.containsKey("operation");
    if (match.containsKey("path")) {
      path = pathPattern(match.get("path"), what + ".path");
    } else if (routing) {
      path = ANY_PATH;
    } else if (node instanceof MappingNode) {
      problems.add(node, what + ": missing 'path' (or 'route' or 'operation')");
    }
    List<String> routes = match.containsKey("route") ? routes(match.get("route"), what + ".route") : List.of();
    List<OperationPattern> operations =
        match.containsKey("operation") ? operations(match.get("operation"), what + ".operation") : List.of();
    Set<String> methods = match.containsKey("methods") ? methods(match.get("methods"), what + ".methods") : Set.of();
    List<HostPattern> hosts = match.containsKey("hosts") ? hosts(match.get("hosts"), what + ".hosts") : List.of();
    List<HeaderCondition> headers =
        match.containsKey("headers") ? headers(match.get("headers"), what + ".headers") : List.of();
    if (path == null || match.containsKey("route") && routes.isEmpty()
        || match.containsKey("operation") && operations.isEmpty()) {
      return null; // reported: a rule whose every route is unusable must not match every route
    }
    RuleMatch.Builder builder =
        RuleMatch.builder(path).methods(methods).hosts(hosts).routes(routes).operations(operations);
    headers.forEach(builder::header);
    return builder.build();
  }

  /** One value or a list of values, each a string. */
  private List<Node> oneOrMore(Node node, String what, String example) {
    if (node instanceof SequenceNode) {
      List<Node> items = ((SequenceNode) node).getValue();
      if (items.isEmpty()) {
        problems.add(node, what + ": expected at least one value, e.g. " + example);
      }
      return items;
    }
    return List.of(node);
  }

  private List<String> routes(Node node, String what) {
    List<String> routes = new ArrayList<>();
    for (Node item : oneOrMore(node, what, "/users/{id} or [/users/{id}, /users]")) {
      String text = nodes.string(item, what);
      if (text == null) {
        continue;
      }
      String normalized = text.startsWith("/") ? RouteTemplate.normalize(text) : null;
      if (normalized == null) {
        problems.add(item, what + ": expected a route template starting with '/', with balanced braces,"
            + " e.g. /users/{id}, but found '" + text + "'");
        continue;
      }
      if (!routes.contains(normalized)) {
        routes.add(normalized);
      }
    }
    return routes;
  }

  private List<OperationPattern> operations(Node node, String what) {
    List<OperationPattern> operations = new ArrayList<>();
    for (Node item : oneOrMore(node, what, "UsersResource#delete or [UsersResource#*]")) {
      String text = nodes.string(item, what);
      if (text == null) {
        continue;
      }
      try {
        operations.add(OperationPattern.parse(text.trim()));
      } catch (IllegalArgumentException e) {
        problems.add(item, what + ": " + e.getMessage());
      }
    }
    return operations;
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

  /** A list of HTTP methods, upper-cased; shared with other sections that name methods. */
  static Set<String> methods(Nodes nodes, Node node, String what) {
    Set<String> methods = new LinkedHashSet<>();
    for (Node item : nodes.sequence(node, what, "[GET, POST]")) {
      String method = nodes.string(item, what);
      if (method == null) {
        continue;
      }
      if (!Methods.isToken(method)) {
        nodes.problems().add(item, what + ": expected an HTTP method such as GET but found '" + method + "'");
        continue;
      }
      methods.add(method.toUpperCase(Locale.ROOT));
    }
    return methods;
  }

  private Set<String> methods(Node node, String what) {
    return methods(nodes, node, what);
  }

  private List<HostPattern> hosts(Node node, String what) {
    List<HostPattern> hosts = new ArrayList<>();
    for (Node item : nodes.sequence(node, what, "[api.example.com, \"*.example.com\"]")) {
      String text = nodes.string(item, what);
      if (text == null) {
        continue;
      }
      try {
        hosts.add(HostPattern.parse(text));
      } catch (IllegalArgumentException e) {
        problems.add(item, what + ": " + e.getMessage());
      }
    }
    return hosts;
  }

  private List<HeaderCondition> headers(Node node, String what) {
    List<HeaderCondition> conditions = new ArrayList<>();
    if (!(node instanceof MappingNode)) {
      problems.add(node, what + ": expected a mapping of header names to values, e.g. { X-Api-Version: \"2\" },"
          + " but found " + Nodes.describe(node));
      return conditions;
    }
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      String name = nodes.string(tuple.getKeyNode(), what);
      if (name == null) {
        continue;
      }
      if (!HeaderNames.isValid(name)) {
        problems.add(tuple.getKeyNode(), what + ": expected a header name such as X-Api-Version but found '"
            + name + "'");
        continue;
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        problems.add(tuple.getKeyNode(), what + ": header '" + name + "' is listed twice (names are"
            + " case-insensitive)");
        continue;
      }
      Set<String> values = headerValues(tuple.getValueNode(), what + "." + name);
      if (!values.isEmpty()) {
        conditions.add(new HeaderCondition(name, values));
      }
    }
    return conditions;
  }

  private Set<String> headerValues(Node node, String what) {
    Set<String> values = new LinkedHashSet<>();
    List<Node> items = node instanceof SequenceNode ? ((SequenceNode) node).getValue() : List.of(node);
    for (Node item : items) {
      if (!(item instanceof ScalarNode) || Tag.NULL.equals(item.getTag())) {
        problems.add(item, what + ": expected a header value or a list of values, e.g. \"2\" or [\"1\", \"2\"],"
            + " but found " + Nodes.describe(item));
        continue;
      }
      values.add(((ScalarNode) item).getValue().trim());
    }
    if (values.isEmpty() && node instanceof SequenceNode) {
      problems.add(node, what + ": expected at least one value");
    }
    return values;
  }
}
