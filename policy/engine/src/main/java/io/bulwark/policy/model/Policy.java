package io.bulwark.policy.model;

import io.bulwark.policy.path.CanonicalPath;
import java.util.List;

/**
 * A compiled, immutable policy. Swapped as a whole when the file changes, so a request sees either
 * the old or the new policy, never a mix.
 */
public final class Policy {

  private final String source;
  private final String sha256;
  private final Mode mode;
  private final Action onAgentError;
  private final List<Rule> rules;
  private final Action defaultAction;
  private final AuditSettings audit;

  public Policy(String source, String sha256, Mode mode, Action onAgentError, List<Rule> rules,
      Action defaultAction, AuditSettings audit) {
    this.source = source;
    this.sha256 = sha256;
    this.mode = mode;
    this.onAgentError = onAgentError;
    this.rules = List.copyOf(rules);
    this.defaultAction = defaultAction;
    this.audit = audit;
  }

  /** The file the policy was read from, or {@code <built-in policy>}. */
  public String source() {
    return source;
  }

  /** Hex SHA-256 of the policy file's bytes (of the built-in policy's text for the built-in one). */
  public String sha256() {
    return sha256;
  }

  public Mode mode() {
    return mode;
  }

  /** What happens to a request when Bulwark itself fails: ALLOW (fail-open) or DENY (fail-closed). */
  public Action onAgentError() {
    return onAgentError;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Action defaultAction() {
    return defaultAction;
  }

  public AuditSettings audit() {
    return audit;
  }

  /** The first rule matching the request, or {@code null} when the default applies. */
  public Rule firstMatch(String method, CanonicalPath path) {
    for (Rule rule : rules) {
      if (rule.matches(method, path)) {
        return rule;
      }
    }
    return null;
  }
}
