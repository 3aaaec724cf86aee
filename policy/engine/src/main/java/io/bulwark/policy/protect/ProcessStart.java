package io.bulwark.policy.protect;

/**
 * {@code protect.commandInjection.processStart}: what happens when the application starts any
 * process while it serves a request, whatever the command looks like.
 */
public enum ProcessStart {
  /** Processes are checked for injection only. */
  ALLOW,
  /** Every process started while serving a request is audited. */
  AUDIT,
  /** No process may be started while serving a request. */
  DENY
}
