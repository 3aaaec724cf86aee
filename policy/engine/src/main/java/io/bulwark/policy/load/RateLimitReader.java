package io.bulwark.policy.load;

import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.authz.Requirement;
import io.bulwark.policy.model.Action;
import io.bulwark.policy.ratelimit.Limit;
import io.bulwark.policy.ratelimit.LimitKey;
import io.bulwark.policy.ratelimit.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a rule's {@code rateLimit: { key: ip, limits: ["100/1m", "10/1s"], headers: true }}. */
final class RateLimitReader {

  static final List<String> KEYS = List.of("key", "limits", "headers");
  static final int MAX_LIMITS = 8;
  static final long MAX_COUNT = 1_000_000_000L;
  static final Duration MAX_WINDOW = Duration.ofDays(1);
  private static final String KEY_FORMAT = "ip, principal, apiKey, route or header:NAME";
  private static final String LIMIT_FORMAT =
      "a limit such as \"100/1m\" (requests per window: a whole number, '/', and a window of whole seconds"
          + " from 1s to 1d such as 1s, 10s, 1m, 1h, 1d)";

  private final Nodes nodes;
  private final Problems problems;

  RateLimitReader(Nodes nodes) {
    this.nodes = nodes;
    this.problems = nodes.problems();
  }

  /**
   * The rule's rate limit, or {@code null} after reporting problems.
   *
   * @param requirement the rule's {@code require:}, or {@code null}
   */
  RateLimit read(Node node, String what, String rule, Action action, Requirement requirement, boolean requires) {
    what = what + ".rateLimit";
    Map<String, Node> fields = nodes.mapping(node, what, KEYS);
    if (fields.isEmpty() && !(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
      return null;
    }
    int before = problems.size();
    if (action == Action.DENY) {
      problems.add(node, what + ": a rule that denies refuses every request; a rate limit has no use there");
    }
    LimitKey key = LimitKey.IP;
    String header = null;
    Node keyNode = fields.get("key");
    if (keyNode != null) {
      String text = nodes.string(keyNode, what + ".key");
      if (text != null) {
        text = text.trim();
        if (text.regionMatches(true, 0, "header:", 0, 7)) {
          key = LimitKey.HEADER;
          header = text.substring(7).trim();
          if (!HeaderNames.isValid(header)) {
            problems.add(keyNode, what + ".key: expected header:NAME with a header name such as header:X-Tenant but"
                + " found " + Nodes.describe(keyNode));
          }
        } else {
          key = LimitKey.forKeyword(text);
          if (key == null) {
            problems.add(keyNode, what + ".key: expected " + KEY_FORMAT + " but found " + Nodes.describe(keyNode)
                + Nodes.suggestion(text, List.of("ip", "principal", "apiKey", "route")));
          }
        }
      }
    }
    if (key == LimitKey.PRINCIPAL && !requires) {
      problems.add(keyNode, what + ".key: principal needs a rule that authenticates: add"
          + " 'require: { auth: [...] }', or count by ip");
    }
    if (key == LimitKey.API_KEY && (requirement == null && !requires
        || requirement != null && !requirement.schemes().equals(List.of(AuthScheme.API_KEY)))) {
      problems.add(keyNode, what + ".key: apiKey needs a rule that authenticates with API keys only"
          + " ('require: { auth: [apiKey] }'); with several schemes count by principal");
    }
    List<Limit> limits = limits(node, fields.get("limits"), what);
    boolean sendHeaders = false;
    if (fields.containsKey("headers")) {
      Boolean value = nodes.bool(fields.get("headers"), what + ".headers");
      sendHeaders = value != null && value;
    }
    if (problems.size() > before || key == null || limits.isEmpty()) {
      return null;
    }
    return new RateLimit(rule, key, header, limits, sendHeaders);
  }

  private List<Limit> limits(Node rateLimit, Node node, String what) {
    what = what + ".limits";
    if (node == null) {
      problems.add(rateLimit, what.substring(0, what.length() - ".limits".length())
          + ": missing 'limits', e.g. limits: [\"100/1m\", \"10/1s\"]");
      return List.of();
    }
    List<Limit> limits = new ArrayList<>();
    List<Node> items = node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode
        ? List.of(node) : nodes.sequence(node, what, "[\"100/1m\", \"10/1s\"]");
    if (items.isEmpty() && node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
      problems.add(node, what + ": expected at least one limit, e.g. [\"100/1m\"]");
    }
    if (items.size() > MAX_LIMITS) {
      problems.add(node, what + ": expected at most " + MAX_LIMITS + " limits but found " + items.size());
      return List.of();
    }
    Set<Duration> windows = new HashSet<>();
    for (Node item : items) {
      Limit limit = limit(item, what);
      if (limit != null && !windows.add(limit.window())) {
        problems.add(item, what + ": two limits per " + limit.window().getSeconds() + "s window; expected one"
            + " limit per window (the lower one is the one that holds)");
      } else if (limit != null) {
        limits.add(limit);
      }
    }
    return limits;
  }

  private Limit limit(Node node, String what) {
    String text = nodes.string(node, what);
    if (text == null) {
      return null;
    }
    text = text.trim();
    int slash = text.indexOf('/');
    Long count = slash > 0 ? Units.number(text.substring(0, slash).trim()) : null;
    Duration window = slash > 0 ? Units.duration(text.substring(slash + 1).trim()) : null;
    if (count == null || window == null) {
      problems.add(node, what + ": expected " + LIMIT_FORMAT + " but found " + Nodes.describe(node));
      return null;
    }
    if (count < 1 || count > MAX_COUNT) {
      problems.add(node, what + ": expected from 1 to " + MAX_COUNT + " requests per window but found " + count);
      return null;
    }
    if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0 || window.compareTo(MAX_WINDOW) > 0) {
      problems.add(node, what + ": expected a window of whole seconds from 1s to 1d but found '"
          + text.substring(slash + 1).trim() + "'");
      return null;
    }
    return new Limit(count, window, text);
  }
}
