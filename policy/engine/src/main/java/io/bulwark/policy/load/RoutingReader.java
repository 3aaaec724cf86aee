package io.bulwark.policy.load;

import io.bulwark.policy.model.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads {@code routing:}: the application's routing habits that rules must take into account. */
final class RoutingReader {

  static final List<String> KEYS = List.of("methodOverride", "suffixMatch");
  static final List<String> METHOD_OVERRIDE_KEYS = List.of("headers", "methods");

  private final Nodes nodes;

  RoutingReader(Nodes nodes) {
    this.nodes = nodes;
  }

  Routing read(Node node) {
    if (node == null) {
      return Routing.DEFAULT;
    }
    Map<String, Node> fields = nodes.mapping(node, "routing", KEYS);
    Routing.MethodOverride override =
        fields.containsKey("methodOverride") ? methodOverride(fields.get("methodOverride")) : null;
    boolean suffixMatch = fields.containsKey("suffixMatch") && bool(fields.get("suffixMatch"), "routing.suffixMatch");
    return new Routing(override, suffixMatch);
  }

  private Routing.MethodOverride methodOverride(Node node) {
    String what = "routing.methodOverride";
    Map<String, Node> fields = nodes.mapping(node, what, METHOD_OVERRIDE_KEYS);
    List<String> headers = new ArrayList<>();
    if (fields.containsKey("headers")) {
      for (Node item : nodes.sequence(fields.get("headers"), what + ".headers", "[X-HTTP-Method-Override]")) {
        String name = nodes.string(item, what + ".headers");
        if (name != null && !HeaderNames.isValid(name)) {
          nodes.problems().add(item, what + ".headers: expected a header name such as X-HTTP-Method-Override"
              + " but found '" + name + "'");
        } else if (name != null) {
          headers.add(name);
        }
      }
      if (headers.isEmpty()) {
        nodes.problems().add(fields.get("headers"), what + ".headers: expected at least one header name");
      }
    } else {
      nodes.problems().add(node, what + ": missing 'headers', e.g. [X-HTTP-Method-Override]");
    }
    Set<String> methods = Set.of("POST");
    if (fields.containsKey("methods")) {
      methods = MatchReader.methods(nodes, fields.get("methods"), what + ".methods");
      Node listed = fields.get("methods");
      if (listed instanceof SequenceNode && ((SequenceNode) listed).getValue().isEmpty()) {
        nodes.problems().add(listed, what + ".methods: expected at least one method, e.g. [POST]");
      }
    }
    return new Routing.MethodOverride(headers, methods);
  }

  private boolean bool(Node node, String what) {
    if (node instanceof ScalarNode && Tag.BOOL.equals(node.getTag())) {
      return Boolean.parseBoolean(((ScalarNode) node).getValue());
    }
    nodes.problems().add(node, what + ": expected true or false but found " + Nodes.describe(node));
    return false;
  }
}
