package io.bulwark.policy.model;

import java.util.Locale;

/** Whether the policy blocks, or only records what it would block. */
public enum Mode {
  /** Blocking decisions are applied. */
  ENFORCE,
  /** Nothing is blocked; what would have been blocked is audited as {@code monitor}. */
  MONITOR;

  private final String keyword = name().toLowerCase(Locale.ROOT);

  /** As the policy and the audit events spell it: {@code enforce}, {@code monitor}. */
  public String keyword() {
    return keyword;
  }
}
