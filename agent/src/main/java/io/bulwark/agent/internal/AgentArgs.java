package io.bulwark.agent.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's options, from {@code -javaagent:bulwark-agent.jar=policy=PATH} (comma-separated
 * {@code key=value} pairs), then {@code -Dbulwark.<key>}, then the environment ({@code BULWARK_<KEY>}).
 */
final class AgentArgs {

  private final Map<String, String> values;

  private AgentArgs(Map<String, String> values) {
    this.values = values;
  }

  static AgentArgs parse(String agentArgs) {
    Map<String, String> values = new LinkedHashMap<>();
    if (agentArgs != null && !agentArgs.isBlank()) {
      for (String pair : agentArgs.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("bad agent option '" + pair
              + "'; expected key=value pairs separated by commas, e.g. policy=/etc/bulwark/policy.yaml");
        }
        values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return new AgentArgs(Collections.unmodifiableMap(values));
  }

  /** The option's value from the agent arguments, system properties or environment, or null. */
  String get(String key) {
    String value = values.get(key);
    if (value == null) {
      value = System.getProperty("bulwark." + key);
    }
    if (value == null) {
      value = System.getenv("BULWARK_" + key.toUpperCase(java.util.Locale.ROOT));
    }
    return value == null || value.isBlank() ? null : value;
  }
}
