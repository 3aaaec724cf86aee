package io.bulwark.policy.sink;

import io.bulwark.policy.model.Policy;
import java.util.Map;

/**
 * Reads the sinks' settings from the policy's {@code protect:} section. The one place that knows
 * the policy model's protection classes, so the checks do not.
 */
final class ProtectionSettings {

  private ProtectionSettings() {}

  static SinkSettings read(Policy policy, boolean monitorOnly) {
    Map<io.bulwark.policy.detect.Category, SinkSettings.Action> actions = SinkSettings.defaultActions();
    boolean deserializationBlocks = true;
    if (monitorOnly) {
      actions.replaceAll((category, action) -> action == SinkSettings.Action.BLOCK ? SinkSettings.Action.MONITOR : action);
      deserializationBlocks = false;
    }
    return new SinkSettings(actions, SinkSettings.ProcessStart.ALLOW, HostAllowList.NONE,
        DeserializationSettings.defaults(deserializationBlocks));
  }
}
