package io.bulwark.policy.load;

import io.bulwark.policy.protect.Limits;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads
 * {@code limits: { maxBodySize: 1MB, maxJsonDepth: 64, maxJsonSize: 1MB, maxParameters: 1000, maxHeaders: 100 }}.
 */
final class LimitsReader {

  static final List<String> KEYS = List.of("maxBodySize", "maxJsonDepth", "maxJsonSize", "maxParameters", "maxHeaders");
  private static final long MIN_SIZE = 1024;
  private static final long MAX_SIZE = 1L << 30;

  private final Nodes nodes;
  private final Problems problems;

  LimitsReader(Nodes nodes) {
    this.nodes = nodes;
    this.problems = nodes.problems();
  }

  Limits read(Node node) {
    if (node == null) {
      return Limits.DEFAULT;
    }
    Map<String, Node> fields = nodes.mapping(node, "limits", KEYS);
    Limits defaults = Limits.DEFAULT;
    return new Limits(
        size(fields.get("maxBodySize"), "limits.maxBodySize", defaults.maxBodySize()),
        integer(fields.get("maxJsonDepth"), "limits.maxJsonDepth", 1, 10_000, defaults.maxJsonDepth()),
        size(fields.get("maxJsonSize"), "limits.maxJsonSize", defaults.maxJsonSize()),
        integer(fields.get("maxParameters"), "limits.maxParameters", 1, 1_000_000, defaults.maxParameters()),
        integer(fields.get("maxHeaders"), "limits.maxHeaders", 1, 10_000, defaults.maxHeaders()));
  }

  private long size(Node node, String what, long fallback) {
    if (node == null) {
      return fallback;
    }
    Long value = nodes.size(node, what);
    if (value != null && (value < MIN_SIZE || value > MAX_SIZE)) {
      problems.add(node, what + ": expected a size from 1KB to 1GB but found " + Nodes.describe(node));
      return fallback;
    }
    return value == null ? fallback : value;
  }

  private int integer(Node node, String what, int min, int max, int fallback) {
    if (node == null) {
      return fallback;
    }
    Integer value = nodes.integer(node, what, min, max);
    return value == null ? fallback : value;
  }
}
