package io.bulwark.policy.model;

/** What a rule (or the policy's default) does with a request it matches. */
public enum Action {
  ALLOW,
  DENY
}
