package io.bulwark.policy.load;

import io.bulwark.policy.model.IpRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reading of YAML nodes that reports a {@link Problem} (and returns {@code null}) instead of
 * throwing, so one pass finds every mistake. {@code what} names the value in messages, e.g.
 * {@code rules[2].action}.
 */
final class Nodes {

  private final Problems problems;

  Nodes(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /**
   * The entries of a mapping, by key. Unknown keys (with a "did you mean" hint) and duplicate keys
   * are reported; returns an empty map when the node is not a mapping.
   */
  Map<String, Node> mapping(Node node, String what, Collection<String> allowedKeys) {
    if (!(node instanceof MappingNode)) {
      problems.add(node, what + ": expected a mapping with keys " + String.join(", ", allowedKeys)
          + " but found " + describe(node));
      return Collections.emptyMap();
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode)) {
        problems.add(keyNode, what + ": expected a plain key but found " + describe(keyNode));
        continue;
      }
      String key = ((ScalarNode) keyNode).getValue();
      if (!allowedKeys.contains(key)) {
        problems.add(keyNode, what + ": unknown key '" + key + "'" + suggestion(key, allowedKeys)
            + "; expected one of: " + String.join(", ", allowedKeys));
      } else if (entries.containsKey(key)) {
        problems.add(keyNode, what + ": duplicate key '" + key + "'");
      } else {
        entries.put(key, tuple.getValueNode());
      }
    }
    return entries;
  }

  List<Node> sequence(Node node, String what, String example) {
    if (!(node instanceof SequenceNode)) {
      problems.add(node, what + ": expected a list, e.g. " + example + ", but found " + describe(node));
      return Collections.emptyList();
    }
    return ((SequenceNode) node).getValue();
  }

  String string(Node node, String what) {
    if (!(node instanceof ScalarNode) || Tag.NULL.equals(node.getTag())) {
      problems.add(node, what + ": expected a string but found " + describe(node));
      return null;
    }
    return ((ScalarNode) node).getValue();
  }

  Integer integer(Node node, String what) {
    if (node instanceof ScalarNode && Tag.INT.equals(node.getTag())) {
      try {
        return Integer.valueOf(((ScalarNode) node).getValue());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(node, what + ": expected a whole number but found " + describe(node));
    return null;
  }

  /** A whole number from {@code min} to {@code max}. */
  Integer integer(Node node, String what, int min, int max) {
    Integer value = integer(node, what);
    if (value != null && (value < min || value > max)) {
      problems.add(node, what + ": expected a whole number from " + min + " to " + max + " but found " + value);
      return null;
    }
    return value;
  }

  Boolean bool(Node node, String what) {
    if (node instanceof ScalarNode && Tag.BOOL.equals(node.getTag())) {
      return Boolean.valueOf(((ScalarNode) node).getValue().toLowerCase(Locale.ROOT));
    }
    problems.add(node, what + ": expected true or false but found " + describe(node));
    return null;
  }

  /** A list of non-empty strings; a lone string is read as a list of one. Problems for the others. */
  List<String> strings(Node node, String what, String example) {
    List<String> values = new ArrayList<>();
    List<Node> items = node instanceof ScalarNode && !Tag.NULL.equals(node.getTag())
        ? List.of(node) : sequence(node, what, example);
    for (Node item : items) {
      String value = string(item, what);
      if (value != null && value.isBlank()) {
        problems.add(item, what + ": expected a non-empty string, e.g. " + example);
      } else if (value != null) {
        values.add(value.trim());
      }
    }
    return values;
  }

  /** A duration from {@code min} to {@code max}. */
  Duration duration(Node node, String what, Duration min, Duration max) {
    Duration value = duration(node, what);
    if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
      problems.add(node, what + ": expected a duration from " + Units.format(min) + " to " + Units.format(max)
          + " but found " + describe(node));
      return null;
    }
    return value;
  }

  /** A keyword, written in any case in the file, mapped to an enum constant. */
  <E extends Enum<E>> E keyword(Node node, String what, Class<E> type) {
    List<String> allowed = keywords(type);
    String text = node instanceof ScalarNode ? ((ScalarNode) node).getValue() : null;
    if (text != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text)) {
          return constant;
        }
      }
    }
    problems.add(node, what + ": expected one of " + String.join(", ", allowed) + " but found "
        + describe(node) + (text == null ? "" : suggestion(text, allowed)));
    return null;
  }

  /** A duration such as {@code 10s}; see {@link Units#DURATION_FORMAT}. */
  Duration duration(Node node, String what) {
    String text = scalarText(node, what, Units.DURATION_FORMAT);
    Duration value = text == null ? null : Units.duration(text.trim());
    if (text != null && value == null) {
      problems.add(node, what + ": expected " + Units.DURATION_FORMAT + " but found " + describe(node));
    }
    return value;
  }

  /** A size in bytes such as {@code 1MB}; see {@link Units#SIZE_FORMAT}. */
  Long size(Node node, String what) {
    String text = scalarText(node, what, Units.SIZE_FORMAT);
    Long value = text == null ? null : Units.size(text.trim());
    if (text != null && value == null) {
      problems.add(node, what + ": expected " + Units.SIZE_FORMAT + " but found " + describe(node));
    }
    return value;
  }

  /** An IP address or CIDR block such as {@code 10.0.0.0/8}. */
  IpRange cidr(Node node, String what) {
    String text = scalarText(node, what, "an IP address or a CIDR block such as 10.0.0.0/8");
    if (text == null) {
      return null;
    }
    try {
      return IpRange.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(node, what + ": " + e.getMessage());
      return null;
    }
  }

  /** The text of a non-empty scalar, or {@code null} after reporting that {@code expected} was expected. */
  private String scalarText(Node node, String what, String expected) {
    if (node instanceof ScalarNode && !Tag.NULL.equals(node.getTag())) {
      return ((ScalarNode) node).getValue();
    }
    problems.add(node, what + ": expected " + expected + " but found " + describe(node));
    return null;
  }

  /** An optional keyword: {@code fallback} when the key is absent ({@code node} is null). */
  <E extends Enum<E>> E keyword(Node node, String what, Class<E> type, E fallback) {
    return node == null ? fallback : keyword(node, what, type);
  }

  static <E extends Enum<E>> List<String> keywords(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /** The key node of {@code key} in a mapping, to point a problem at the line that raised it. */
  static Node keyNode(Node mapping, String key) {
    if (mapping instanceof MappingNode) {
      for (NodeTuple tuple : ((MappingNode) mapping).getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (keyNode instanceof ScalarNode && key.equals(((ScalarNode) keyNode).getValue())) {
          return keyNode;
        }
      }
    }
    return mapping;
  }

  /** How a value looks in a message: its text for scalars, its kind otherwise. */
  static String describe(Node node) {
    if (node == null) {
      return "nothing";
    }
    if (node instanceof ScalarNode) {
      if (Tag.NULL.equals(node.getTag())) {
        return "an empty value";
      }
      String value = ((ScalarNode) node).getValue();
      return "'" + (value.length() > 60 ? value.substring(0, 60) + "..." : value) + "'";
    }
    return node instanceof SequenceNode ? "a list" : "a mapping";
  }

  /** " (did you mean 'x'?)" when a known word is within two edits of what was written. */
  static String suggestion(String written, Collection<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int d = distance(written.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return 3;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static List<String> quoted(Collection<String> words) {
    return words.stream().map(w -> "'" + w + "'").collect(Collectors.toList());
  }
}
