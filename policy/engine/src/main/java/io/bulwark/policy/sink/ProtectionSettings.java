package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.protect.ProtectAction;
import io.bulwark.policy.protect.Protection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sinks' settings from the policy's {@code protect:} section (already downgraded to
 * monitor by {@code mode: monitor}). The one place that knows the policy model's protection
 * classes, so the checks do not.
 */
final class ProtectionSettings {

  private ProtectionSettings() {}

  static SinkSettings read(Policy policy) {
    Protection protection = policy.protect();
    Map<Category, SinkSettings.Action> actions = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      actions.put(category, action(protection.action(category)));
    }
    io.bulwark.policy.protect.DeserializationSettings configured = protection.deserialization();
    List<String> deny = new ArrayList<>(DeserializationSettings.KNOWN_GADGETS);
    deny.addAll(configured.denyClasses());
    DeserializationSettings deserialization = new DeserializationSettings(action(configured.action()), deny,
        configured.maxDepth(), configured.maxArrayLength(), configured.maxReferences());
    SinkSettings.ProcessStart processStart = SinkSettings.ProcessStart.valueOf(protection.processStart().name());
    SinkSettings settings = new SinkSettings(actions, processStart, HostAllowList.of(protection.ssrfAllowHosts()),
        deserialization, List.copyOf(protection.inputs().headers()), protection.inputs().cookies());
    settings.xxeHarden = protection.xxeHarden();
    return settings;
  }

  private static SinkSettings.Action action(ProtectAction action) {
    return SinkSettings.Action.valueOf(action.name());
  }
}
