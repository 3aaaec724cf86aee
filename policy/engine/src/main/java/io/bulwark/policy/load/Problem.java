package io.bulwark.policy.load;

import io.bulwark.policy.model.SourceLocation;

/** One mistake in a policy file: where it is and what was expected there. */
public final class Problem {

  private final SourceLocation location;
  private final String message;

  public Problem(SourceLocation location, String message) {
    this.location = location;
    this.message = message;
  }

  public SourceLocation location() {
    return location;
  }

  public String message() {
    return message;
  }

  /** {@code file:line:column: message}, the form editors and terminals make clickable. */
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
