package io.bulwark.policy.ratelimit;

/**
 * One request counted against a key's bucket: whether it was let through, how long until it would
 * be, and (when asked for) what is left of each limit. Or: the store could not be asked.
 */
public final class Consumption {

  /** The store could not count the request (Redis unreachable, too slow). */
  public static final Consumption UNAVAILABLE = new Consumption(false, 0, null, true);

  private final boolean allowed;
  private final long nanosToWait;
  private final long[] remaining;
  private final boolean unavailable;

  private Consumption(boolean allowed, long nanosToWait, long[] remaining, boolean unavailable) {
    this.allowed = allowed;
    this.nanosToWait = nanosToWait;
    this.remaining = remaining;
    this.unavailable = unavailable;
  }

  /**
   * @param remaining what is left of each limit after this request, in the rule's order; {@code
   *     null} for an allowed request when the caller did not ask for it
   */
  public static Consumption counted(boolean allowed, long nanosToWait, long[] remaining) {
    return new Consumption(allowed, nanosToWait, remaining, false);
  }

  public boolean allowed() {
    return allowed;
  }

  public boolean unavailable() {
    return unavailable;
  }

  /** For a refused request: nanoseconds until every limit has room for one more. */
  public long nanosToWait() {
    return nanosToWait;
  }

  /** What is left of each limit, in the rule's order; {@code null} when allowed and not asked for. */
  public long[] remaining() {
    return remaining;
  }
}
