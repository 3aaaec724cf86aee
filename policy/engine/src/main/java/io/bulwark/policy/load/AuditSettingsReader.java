package io.bulwark.policy.load;

import io.bulwark.policy.model.AuditSettings;
import io.bulwark.policy.model.AuditSettings.Outcome;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads the policy's {@code audit:} section, reporting every mistake with its line and column. */
final class AuditSettingsReader {

  static final List<String> KEYS = List.of("file", "events", "maxFileSize", "maxFiles", "queueSize",
      "queueFullWait", "redact", "headers", "slf4j");

  /** Names in redact/headers are header, parameter or JSON field names: a token, no spaces. */
  private static final int MAX_NAME = 128;
  private static final int MAX_NAMES = 256;

  private final Nodes nodes;
  private final Problems problems;

  AuditSettingsReader(Nodes nodes, Problems problems) {
    this.nodes = nodes;
    this.problems = problems;
  }

  AuditSettings read(Node node) {
    Map<String, Node> fields = nodes.mapping(node, "audit", KEYS);
    AuditSettings.Builder settings = AuditSettings.builder();
    if (fields.containsKey("file")) {
      String text = nodes.string(fields.get("file"), "audit.file");
      if (text != null && text.isBlank()) {
        problems.add(fields.get("file"), "audit.file: expected a file path such as logs/bulwark-audit.jsonl but"
            + " found an empty string");
      } else if (text != null) {
        try {
          settings.file(Paths.get(text));
        } catch (RuntimeException e) {
          problems.add(fields.get("file"), "audit.file: expected a file path but found '" + text + "'");
        }
      }
    }
    if (fields.containsKey("events")) {
      Set<Outcome> events = EnumSet.noneOf(Outcome.class);
      for (Node item : nodes.sequence(fields.get("events"), "audit.events", "[deny, monitor, error]")) {
        Outcome outcome = nodes.keyword(item, "audit.events", Outcome.class);
        if (outcome != null) {
          events.add(outcome);
        }
      }
      settings.events(events);
    }
    if (fields.containsKey("maxFileSize")) {
      Long bytes = size(fields.get("maxFileSize"), "audit.maxFileSize");
      if (bytes != null) {
        if (bytes != 0 && bytes < 4096) {
          problems.add(fields.get("maxFileSize"), "audit.maxFileSize: expected 0 (never rotate) or at least 4KB"
              + " but found " + Nodes.describe(fields.get("maxFileSize")));
        } else {
          settings.maxFileSize(bytes);
        }
      }
    }
    if (fields.containsKey("maxFiles")) {
      Integer count = nodes.integer(fields.get("maxFiles"), "audit.maxFiles", 1, 100_000);
      if (count != null) {
        settings.maxFiles(count);
      }
    }
    if (fields.containsKey("queueSize")) {
      Integer size = nodes.integer(fields.get("queueSize"), "audit.queueSize", 16, 1 << 20);
      if (size != null) {
        settings.queueSize(size);
      }
    }
    if (fields.containsKey("queueFullWait")) {
      Duration wait = duration(fields.get("queueFullWait"), "audit.queueFullWait");
      if (wait != null) {
        settings.queueFullWait(wait);
      }
    }
    if (fields.containsKey("redact")) {
      settings.redact(names(fields.get("redact"), "audit.redact", "[password, x-internal-token]"));
    }
    if (fields.containsKey("headers")) {
      settings.headers(names(fields.get("headers"), "audit.headers", "[User-Agent, X-Forwarded-For]"));
    }
    if (fields.containsKey("slf4j")) {
      Boolean enabled = nodes.bool(fields.get("slf4j"), "audit.slf4j");
      if (enabled != null) {
        settings.slf4j(enabled);
      }
    }
    return settings.build();
  }

  /** A size: bytes as a number, or with a unit: 512KB, 100MB, 1GB (powers of 1024). */
  private Long size(Node node, String what) {
    String text = node instanceof ScalarNode ? ((ScalarNode) node).getValue().trim() : null;
    Long value = text == null ? null : Units.size(text);
    if (value == null) {
      problems.add(node, what + ": expected a size such as 100MB, 512KB or 1GB but found " + Nodes.describe(node));
    }
    return value;
  }

  /** A duration with a unit: 500ms, 5s, 1m. */
  private Duration duration(Node node, String what) {
    String text = node instanceof ScalarNode ? ((ScalarNode) node).getValue().trim() : null;
    Duration value = text == null ? null : Units.duration(text);
    if (value == null || value.isNegative() || value.compareTo(Duration.ofMinutes(10)) > 0) {
      problems.add(node, what + ": expected a duration from 0s to 10m such as 500ms or 5s but found "
          + Nodes.describe(node));
      return null;
    }
    return value;
  }

  private List<String> names(Node node, String what, String example) {
    List<String> names = new ArrayList<>();
    List<Node> items = nodes.sequence(node, what, example);
    if (items.size() > MAX_NAMES) {
      problems.add(node, what + ": at most " + MAX_NAMES + " names");
      return names;
    }
    for (Node item : items) {
      String name = nodes.string(item, what);
      if (name == null) {
        continue;
      }
      if (!isName(name)) {
        problems.add(item, what + ": expected a header, parameter or field name (letters, digits, - _ .)"
            + " but found " + Nodes.describe(item));
        continue;
      }
      names.add(name);
    }
    return names;
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }
}
