package io.bulwark.policy.load;

import io.bulwark.policy.model.AuditSettings;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads the {@code audit:} section: where events go and which outcomes are recorded. */
final class AuditSectionReader {

  static final List<String> KEYS = List.of("file", "events");

  private final Nodes nodes;

  AuditSectionReader(Nodes nodes) {
    this.nodes = nodes;
  }

  /** The settings, {@link AuditSettings#DEFAULT} when the section is absent. */
  AuditSettings read(Node node) {
    if (node == null) {
      return AuditSettings.DEFAULT;
    }
    Map<String, Node> fields = nodes.mapping(node, "audit", KEYS);
    return new AuditSettings(file(fields.get("file")), events(fields.get("events")));
  }

  private Path file(Node node) {
    if (node == null) {
      return AuditSettings.DEFAULT_FILE;
    }
    String text = nodes.string(node, "audit.file");
    if (text != null && text.isBlank()) {
      nodes.problems().add(node, "audit.file: expected a file path such as logs/bulwark-audit.jsonl but found"
          + " an empty string");
    } else if (text != null) {
      try {
        return Paths.get(text);
      } catch (RuntimeException e) {
        nodes.problems().add(node, "audit.file: expected a file path but found '" + text + "'");
      }
    }
    return AuditSettings.DEFAULT_FILE;
  }

  private Set<AuditSettings.Outcome> events(Node node) {
    if (node == null) {
      return AuditSettings.DEFAULT_EVENTS;
    }
    Set<AuditSettings.Outcome> events = EnumSet.noneOf(AuditSettings.Outcome.class);
    for (Node item : nodes.sequence(node, "audit.events", "[deny, monitor, error]")) {
      AuditSettings.Outcome outcome = nodes.keyword(item, "audit.events", AuditSettings.Outcome.class);
      if (outcome != null) {
        events.add(outcome);
      }
    }
    return events;
  }
}
