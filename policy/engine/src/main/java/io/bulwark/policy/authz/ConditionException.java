package io.bulwark.policy.authz;

/** A {@code when:} expression that does not compile: what was expected, and at which character. */
public final class ConditionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int offset;

  ConditionException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** The 0-based character position in the expression where the problem is. */
  public int offset() {
    return offset;
  }
}
