package io.bulwark.bridge;

/**
 * Thrown after Bulwark has committed a blocking response from deep inside the application (a sink),
 * to unwind the request without running the rest of it. Every exception handler of the agent that
 * suppresses throwables rethrows this one.
 *
 * <p>It is an {@link Error}, not a {@code RuntimeException}: applications routinely catch {@code
 * Exception} around a database call or a file read and turn it into their own answer, which would
 * swallow the block and run the rest of the request. Very few catch {@code Throwable}, and those
 * find the blocking response already committed.
 */
public final class BlockingException extends Error {

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
