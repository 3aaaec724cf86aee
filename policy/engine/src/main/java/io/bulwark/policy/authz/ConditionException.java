package io.bulwark.policy.authz;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;

/** A {@code when:} expression that does not compile: what was expected, and where in the expression. */
public final class ConditionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  ConditionException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** The first problem CEL's parser or type checker found. */
  static ConditionException of(CelValidationException e) {
    if (e.getErrors().isEmpty()) {
      return new ConditionException(e.getMessage(), 1, 1);
    }
    CelIssue issue = e.getErrors().get(0);
    int line = Math.max(1, issue.getSourceLocation().getLine());
    int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
    return new ConditionException(issue.getMessage(), line, column);
  }

  /** The 1-based line within the expression. */
  public int line() {
    return line;
  }

  /** The 1-based column within that line. */
  public int column() {
    return column;
  }
}
