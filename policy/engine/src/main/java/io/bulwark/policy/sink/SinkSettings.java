package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.model.Mode;
import io.bulwark.policy.model.Policy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the sinks do under one policy: per category block, monitor or off, the process-start rule,
 * the hosts outbound fetches may always reach, and the deserialization filter's limits. Made once
 * per policy (see {@link SinkEngine}); {@code mode: monitor} has already turned every block into
 * monitor.
 */
final class SinkSettings {

  enum Action { BLOCK, MONITOR, OFF }

  enum ProcessStart { ALLOW, AUDIT, DENY }

  private final Map<Category, Action> actions;
  final ProcessStart processStart;
  final HostAllowList allowHosts;
  final DeserializationSettings deserialization;

  SinkSettings(Map<Category, Action> actions, ProcessStart processStart, HostAllowList allowHosts,
      DeserializationSettings deserialization) {
    this.actions = new EnumMap<>(actions);
    this.processStart = processStart;
    this.allowHosts = allowHosts;
    this.deserialization = deserialization;
  }

  Action action(Category category) {
    return actions.getOrDefault(category, Action.MONITOR);
  }

  /** The defaults of a policy without {@code protect:}. */
  static Map<Category, Action> defaultActions() {
    Map<Category, Action> actions = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      actions.put(category, Action.MONITOR);
    }
    for (Category category : List.of(Category.SQL_INJECTION, Category.COMMAND_INJECTION, Category.PATH_TRAVERSAL,
        Category.JNDI, Category.XXE)) {
      actions.put(category, Action.BLOCK);
    }
    return actions;
  }

  static SinkSettings of(Policy policy) {
    return ProtectionSettings.read(policy, policy.mode() == Mode.MONITOR);
  }
}
