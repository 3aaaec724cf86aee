package io.bulwark.bridge;

/**
 * Thrown after Bulwark has committed a blocking response from deep inside the application (a sink),
 * to unwind the request without running the rest of it. Every exception handler of the agent that
 * suppresses throwables rethrows this one.
 */
public final class BlockingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Decision decision;

  public BlockingException(Decision decision) {
    super("request blocked by Bulwark (" + decision.requestId() + ")", null, false, false);
    this.decision = decision;
  }

  public Decision decision() {
    return decision;
  }
}
