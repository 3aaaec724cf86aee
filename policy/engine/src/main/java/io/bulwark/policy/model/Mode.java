package io.bulwark.policy.model;

/** Whether the policy blocks, or only records what it would block. */
public enum Mode {
  /** Blocking decisions are applied. */
  ENFORCE,
  /** Nothing is blocked; what would have been blocked is audited as {@code monitor}. */
  MONITOR
}
