package io.bulwark.agent.internal;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.load.PolicyException;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.load.Problem;
import io.bulwark.policy.model.Policy;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds and loads the policy the agent starts with. */
final class PolicySource {

  private PolicySource() {}

  /**
   * The configured policy, or the built-in one when none is configured or the configured one cannot
   * be used. A bad policy is never silently ignored: every problem is printed, then the fallback.
   */
  /** The configured policy file, or {@code null} when none is configured. */
  static Path configuredFile(AgentArgs args) {
    String configured = args.get("policy");
    return configured == null ? null : Paths.get(configured);
  }

  static Policy initial(AgentArgs args) {
    String configured = args.get("policy");
    if (configured == null) {
      AgentLog.info("no policy configured (agent option policy=..., -Dbulwark.policy or BULWARK_POLICY);"
          + " using the built-in policy");
      return PolicyLoader.builtIn();
    }
    Path file = Paths.get(configured);
    try {
      return PolicyLoader.loadAtAgentStart(file);
    } catch (PolicyException e) {
      StringBuilder message = new StringBuilder("the policy ").append(file)
          .append(" cannot be used (").append(e.problems().size()).append(" problem(s)):");
      for (Problem problem : e.problems()) {
        message.append("\n  ").append(problem);
      }
      message.append("\n  -> the built-in policy applies until the file is fixed");
      AgentLog.error(message.toString(), null);
      return PolicyLoader.builtIn();
    }
  }
}
