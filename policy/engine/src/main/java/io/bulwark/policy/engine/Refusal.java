package io.bulwark.policy.engine;

/**
 * Requests refused with 400 before any rule is tried, because what rules would be matched on is
 * ambiguous: the application could see another method, host or header value than Bulwark.
 * (Ambiguous paths are {@link io.bulwark.policy.path.Rejection}s.)
 */
public enum Refusal {
  METHOD_OVERRIDE_AMBIGUOUS("method.override-ambiguous",
      "the method-override header is repeated, or two override headers disagree"),
  METHOD_OVERRIDE_INVALID("method.override-invalid", "the method-override header is not an HTTP method"),
  HEADER_REPEATED("header.repeated", "a header that the policy tests is sent more than once"),
  HOST_INVALID("host.invalid", "the Host header is not a valid host name");

  private final String code;
  private final String description;

  Refusal(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** Stable reason code used in audit events. */
  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
