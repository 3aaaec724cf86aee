package io.bulwark.policy.load;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.model.HostPattern;
import io.bulwark.policy.protect.DeserializationSettings;
import io.bulwark.policy.protect.Exclusion;
import io.bulwark.policy.protect.Inputs;
import io.bulwark.policy.protect.ProcessStart;
import io.bulwark.policy.protect.ProtectAction;
import io.bulwark.policy.protect.Protection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code protect:}. Each category is written as its action ({@code sqlInjection: block}) or
 * as a mapping with {@code action} and the category's own settings ({@code ssrf: { action: block,
 * allowHosts: [...] }}); {@code inputs} and {@code exclude} say where to look and where not.
 */
final class ProtectReader {

  static final List<String> KEYS = keys();
  static final List<String> CATEGORY_KEYS = List.of("action");
  static final List<String> COMMAND_KEYS = List.of("action", "processStart");
  static final List<String> SSRF_KEYS = List.of("action", "allowHosts");
  static final List<String> XXE_KEYS = List.of("action", "harden");
  static final List<String> DESERIALIZATION_KEYS =
      List.of("action", "denyClasses", "maxDepth", "maxArrayLength", "maxReferences");
  static final List<String> INPUT_KEYS = List.of("headers", "cookies", "multipart");
  static final List<String> EXCLUDE_KEYS = List.of("rules", "inputs", "categories");
  /** How the locations an exclusion names start; see docs/policy.md. */
  static final List<String> LOCATION_PREFIXES =
      List.of("query.", "form.", "path.", "header.", "cookie.", "json.$", "xml.", "body");
  private static final int MAX_ALLOW_HOSTS = 1000;
  private static final int MAX_EXCLUSIONS = 1000;

  private final Nodes nodes;
  private final Problems problems;
  private final Set<String> ruleNames;

  ProtectReader(Nodes nodes, Set<String> ruleNames) {
    this.nodes = nodes;
    this.problems = nodes.problems();
    this.ruleNames = ruleNames;
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (Category category : Category.values()) {
      keys.add(category.policyKey());
    }
    keys.addAll(List.of("deserialization", "inputs", "exclude"));
    return List.copyOf(keys);
  }

  Protection read(Node node) {
    Protection.Builder protection = Protection.builder();
    if (node == null) {
      return protection.build();
    }
    Map<String, Node> fields = nodes.mapping(node, "protect", KEYS);
    for (Category category : Category.values()) {
      Node value = fields.get(category.policyKey());
      if (value != null) {
        category(value, category, protection);
      }
    }
    if (fields.containsKey("deserialization")) {
      protection.deserialization(deserialization(fields.get("deserialization")));
    }
    if (fields.containsKey("inputs")) {
      protection.inputs(inputs(fields.get("inputs")));
    }
    if (fields.containsKey("exclude")) {
      protection.exclusions(exclusions(fields.get("exclude")));
    }
    return protection.build();
  }

  private void category(Node node, Category category, Protection.Builder protection) {
    String what = "protect." + category.policyKey();
    List<String> keys = category == Category.COMMAND_INJECTION ? COMMAND_KEYS
        : category == Category.SSRF ? SSRF_KEYS : category == Category.XXE ? XXE_KEYS : CATEGORY_KEYS;
    Map<String, Node> fields = actionOrMapping(node, what, keys);
    if (fields == null) {
      ProtectAction action = nodes.keyword(node, what, ProtectAction.class);
      if (action != null) {
        protection.action(category, action);
      }
      return;
    }
    ProtectAction action = nodes.keyword(fields.get("action"), what + ".action", ProtectAction.class,
        Protection.defaultAction(category));
    if (action != null) {
      protection.action(category, action);
    }
    if (fields.containsKey("processStart")) {
      ProcessStart processStart = nodes.keyword(fields.get("processStart"), what + ".processStart", ProcessStart.class);
      if (processStart != null) {
        protection.processStart(processStart);
      }
    }
    if (fields.containsKey("allowHosts")) {
      protection.ssrfAllowHosts(hosts(fields.get("allowHosts"), what + ".allowHosts"));
    }
    if (fields.containsKey("harden")) {
      Boolean harden = nodes.bool(fields.get("harden"), what + ".harden");
      if (harden != null) {
        protection.xxeHarden(harden);
      }
    }
  }

  /**
   * The mapping form's entries, or {@code null} for the shorthand (a scalar, read as the action).
   * Anything else is reported, and read as an empty mapping.
   */
  private Map<String, Node> actionOrMapping(Node node, String what, List<String> keys) {
    if (node instanceof ScalarNode) {
      return null;
    }
    if (!(node instanceof MappingNode)) {
      problems.add(node, what + ": expected block, monitor or off, or a mapping with keys " + String.join(", ", keys)
          + " but found " + Nodes.describe(node));
      return Map.of();
    }
    return nodes.mapping(node, what, keys);
  }

  private List<HostPattern> hosts(Node node, String what) {
    List<HostPattern> hosts = new ArrayList<>();
    List<String> texts = nodes.strings(node, what, "[api.partner.example.com, \"*.internal.example\"]");
    if (texts.size() > MAX_ALLOW_HOSTS) {
      problems.add(node, what + ": expected at most " + MAX_ALLOW_HOSTS + " hosts but found " + texts.size());
      return hosts;
    }
    for (String text : texts) {
      try {
        hosts.add(HostPattern.parse(text));
      } catch (IllegalArgumentException e) {
        problems.add(node, what + ": " + e.getMessage());
      }
    }
    return hosts;
  }

  private DeserializationSettings deserialization(Node node) {
    String what = "protect.deserialization";
    DeserializationSettings defaults = DeserializationSettings.DEFAULT;
    Map<String, Node> fields = actionOrMapping(node, what, DESERIALIZATION_KEYS);
    if (fields == null) {
      ProtectAction action = nodes.keyword(node, what, ProtectAction.class);
      return action == null ? defaults : new DeserializationSettings(action, List.of(), defaults.maxDepth(),
          defaults.maxArrayLength(), defaults.maxReferences());
    }
    ProtectAction action = nodes.keyword(fields.get("action"), what + ".action", ProtectAction.class,
        defaults.action());
    List<String> denyClasses = new ArrayList<>();
    if (fields.containsKey("denyClasses")) {
      for (String pattern : nodes.strings(fields.get("denyClasses"), what + ".denyClasses",
          "[\"org.apache.commons.collections.functors.*\"]")) {
        if (isClassPattern(pattern)) {
          denyClasses.add(pattern);
        } else {
          problems.add(fields.get("denyClasses"), what + ".denyClasses: expected a class name"
              + " (com.example.Gadget) or a package followed by .* (com.example.*) but found '" + pattern + "'");
        }
      }
    }
    Integer maxDepth = optionalInteger(fields, "maxDepth", what, 1, 100_000, defaults.maxDepth());
    Integer maxArrayLength = optionalInteger(fields, "maxArrayLength", what, 1, Integer.MAX_VALUE,
        defaults.maxArrayLength());
    Integer maxReferences = optionalInteger(fields, "maxReferences", what, 1, Integer.MAX_VALUE,
        (int) defaults.maxReferences());
    return new DeserializationSettings(action == null ? defaults.action() : action, denyClasses,
        maxDepth == null ? defaults.maxDepth() : maxDepth,
        maxArrayLength == null ? defaults.maxArrayLength() : maxArrayLength,
        maxReferences == null ? defaults.maxReferences() : maxReferences);
  }

  private Integer optionalInteger(Map<String, Node> fields, String key, String what, int min, int max, int fallback) {
    return fields.containsKey(key) ? nodes.integer(fields.get(key), what + "." + key, min, max)
        : Integer.valueOf(fallback);
  }

  /** {@code a.b.C}, {@code a.b.C$Inner} or {@code a.b.*}: Java identifiers between dots. */
  static boolean isClassPattern(String text) {
    String body = text.endsWith(".*") ? text.substring(0, text.length() - 2) : text;
    if (body.isEmpty()) {
      return false;
    }
    for (String part : body.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
        return false;
      }
      for (int i = 1; i < part.length(); i++) {
        if (!Character.isJavaIdentifierPart(part.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }

  private Inputs inputs(Node node) {
    String what = "protect.inputs";
    Inputs defaults = Inputs.DEFAULT;
    Map<String, Node> fields = nodes.mapping(node, what, INPUT_KEYS);
    List<String> headers = new ArrayList<>(defaults.headers());
    if (fields.containsKey("headers")) {
      headers.clear();
      Node headersNode = fields.get("headers");
      for (String name : nodes.strings(headersNode, what + ".headers", "[user-agent, referer]")) {
        if (HeaderNames.isValid(name)) {
          headers.add(name);
        } else {
          problems.add(headersNode, what + ".headers: expected a header name such as User-Agent but found '"
              + name + "'");
        }
      }
    }
    Boolean cookies = fields.containsKey("cookies") ? nodes.bool(fields.get("cookies"), what + ".cookies") : null;
    Boolean multipart = fields.containsKey("multipart") ? nodes.bool(fields.get("multipart"), what + ".multipart")
        : null;
    return new Inputs(headers, cookies == null ? defaults.cookies() : cookies,
        multipart == null ? defaults.multipart() : multipart);
  }

  private List<Exclusion> exclusions(Node node) {
    List<Exclusion> exclusions = new ArrayList<>();
    List<Node> items = nodes.sequence(node, "protect.exclude",
        "[{ rules: [cms-pages], inputs: [\"json.$.content\"], categories: [xss] }]");
    if (items.size() > MAX_EXCLUSIONS) {
      problems.add(node, "protect.exclude: expected at most " + MAX_EXCLUSIONS + " entries but found " + items.size());
      return exclusions;
    }
    for (int i = 0; i < items.size(); i++) {
      Exclusion exclusion = exclusion(items.get(i), "protect.exclude[" + i + "]");
      if (exclusion != null) {
        exclusions.add(exclusion);
      }
    }
    return exclusions;
  }

  private Exclusion exclusion(Node node, String what) {
    Map<String, Node> fields = nodes.mapping(node, what, EXCLUDE_KEYS);
    if (node instanceof MappingNode && fields.isEmpty() && ((MappingNode) node).getValue().isEmpty()) {
      problems.add(node, what + ": expected at least one of rules, inputs, categories (an empty entry would turn"
          + " every detection off)");
      return null;
    }
    List<String> rules = new ArrayList<>();
    if (fields.containsKey("rules")) {
      for (String name : nodes.strings(fields.get("rules"), what + ".rules", "[cms-pages]")) {
        if (ruleNames.contains(name)) {
          rules.add(name);
        } else {
          problems.add(fields.get("rules"), what + ".rules: no rule is named '" + name + "'"
              + Nodes.suggestion(name, ruleNames));
        }
      }
    }
    List<String> inputs = new ArrayList<>();
    if (fields.containsKey("inputs")) {
      for (String location : nodes.strings(fields.get("inputs"), what + ".inputs", "[\"json.$.content\", query.q]")) {
        if (LOCATION_PREFIXES.stream().anyMatch(location::startsWith)) {
          inputs.add(location);
        } else {
          problems.add(fields.get("inputs"), what + ".inputs: expected a location starting with one of "
              + String.join(", ", LOCATION_PREFIXES) + " (e.g. json.$.content, query.q, header.user-agent) but found '"
              + location + "'");
        }
      }
    }
    Set<Category> categories = EnumSet.noneOf(Category.class);
    if (fields.containsKey("categories")) {
      List<String> known = new ArrayList<>();
      for (Category category : Category.values()) {
        known.add(category.policyKey());
      }
      for (String key : nodes.strings(fields.get("categories"), what + ".categories", "[xss, sqlInjection]")) {
        Category category = Category.forPolicyKey(key);
        if (category == null) {
          problems.add(fields.get("categories"), what + ".categories: expected one of " + String.join(", ", known)
              + " but found '" + key + "'" + Nodes.suggestion(key, known));
        } else {
          categories.add(category);
        }
      }
    }
    return new Exclusion(rules, inputs, categories);
  }
}
