package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.model.Policy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the sinks do under one policy: per category block, monitor or off, the process-start rule,
 * the hosts outbound fetches may always reach, and the deserialization filter's limits. Made once
 * per policy (see {@link SinkEngine}) from {@code protect:}, where {@code mode: monitor} has
 * already turned every block into monitor.
 */
final class SinkSettings {

  enum Action { BLOCK, MONITOR, OFF }

  enum ProcessStart { ALLOW, AUDIT, DENY }

  private final Map<Category, Action> actions;
  final ProcessStart processStart;
  final HostAllowList allowHosts;
  final DeserializationSettings deserialization;
  /** The headers ({@code protect.inputs.headers}, lower case) and whether cookies are inputs. */
  final List<String> headers;
  final boolean cookies;
  /** {@code protect.xxe.harden}: a DTD in request XML makes the parse fail instead of blocking the request. */
  boolean xxeHarden;

  SinkSettings(Map<Category, Action> actions, ProcessStart processStart, HostAllowList allowHosts,
      DeserializationSettings deserialization, List<String> headers, boolean cookies) {
    this.actions = new EnumMap<>(actions);
    this.processStart = processStart;
    this.allowHosts = allowHosts;
    this.deserialization = deserialization;
    this.headers = headers;
    this.cookies = cookies;
  }

  Action action(Category category) {
    return actions.getOrDefault(category, Action.MONITOR);
  }

  static SinkSettings of(Policy policy) {
    return ProtectionSettings.read(policy);
  }
}
