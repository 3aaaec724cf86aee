package io.bulwark.policy.detect;

import java.util.Objects;

/**
 * What a detector found in one value: the category, a stable reason code for audit events and
 * tuning (e.g. {@code sqli.tautology}, {@code jndi.lookup}), and the part of the inspected value that
 * made the decision (the evidence, before any truncation or escaping for the audit line).
 */
public final class Finding {

  private final Category category;
  private final String reason;
  private final String evidence;

  public Finding(Category category, String reason, String evidence) {
    this.category = Objects.requireNonNull(category, "category");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.evidence = evidence == null ? "" : evidence;
  }

  public Category category() {
    return category;
  }

  /** A stable, dotted reason code, starting with the category's technique. */
  public String reason() {
    return reason;
  }

  /** The offending part of the value as received (not decoded), untruncated. */
  public String evidence() {
    return evidence;
  }

  @Override
  public String toString() {
    return reason + " [" + evidence + "]";
  }
}
