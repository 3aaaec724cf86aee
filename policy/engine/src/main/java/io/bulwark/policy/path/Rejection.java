package io.bulwark.policy.path;

/**
 * Why a raw request path is refused with 400 instead of matched: spellings that containers and
 * frameworks decode or route differently, so no single reading of them can be trusted.
 */
public enum Rejection {
  NOT_ABSOLUTE("path.not-absolute", "the path does not start with '/'"),
  TOO_LONG("path.too-long", "the path is longer than " + PathCanonicalizer.MAX_LENGTH + " characters"),
  CONTROL_CHARACTER("path.control-character", "the path contains a control or line-separator character"),
  BACKSLASH("path.backslash", "the path contains a backslash"),
  BAD_PERCENT_ENCODING("path.bad-percent-encoding", "the path has a malformed percent-encoding"),
  INVALID_UTF8("path.invalid-utf8", "the path decodes to invalid (or overlong) UTF-8"),
  ENCODED_SEPARATOR("path.encoded-separator", "the path encodes '/', '\\' or ';'"),
  DOUBLE_ENCODING("path.double-encoding", "the path encodes '%' (double encoding)"),
  AMBIGUOUS_DOT_SEGMENT("path.ambiguous-dot-segment", "a '.' or '..' segment carries path parameters"),
  ESCAPES_ROOT("path.escapes-root", "'..' segments climb above the root"),
  CONTAINER_MISMATCH("path.container-mismatch",
      "the server decodes the path differently from the policy's reading of it"),
  /** Reading the path failed (an internal error): refused, since no rule can be matched without it. */
  UNREADABLE("path.unreadable", "the path could not be read");

  private final String code;
  private final String description;

  Rejection(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** Stable reason code used in audit events, e.g. {@code path.encoded-separator}. */
  public String code() {
    return code;
  }

  /** A sentence for the problem response and the command line. */
  public String description() {
    return description;
  }
}
