package io.bulwark.policy.protect;

/** What Bulwark does with an injection it detects: refuse the request, audit it, or not look. */
public enum ProtectAction {
  /** Refuse the request (403 at the entry point; the call is stopped at a sink). */
  BLOCK,
  /** Audit the finding as {@code monitor}; the request proceeds. */
  MONITOR,
  /** Do not inspect for this category at all. */
  OFF;

  /** {@code mode: monitor} turns every block into monitor. */
  ProtectAction inMonitorMode() {
    return this == BLOCK ? MONITOR : this;
  }
}
