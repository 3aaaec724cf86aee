package io.bulwark.policy.ratelimit;

import java.time.Duration;

/**
 * One limit of a rule, as written {@code "100/1m"}: at most {@code count} requests in each window of
 * {@code window}. Windows follow the clock (a {@code 1m} window starts at every full minute, UTC), so
 * every JVM sharing a Redis store counts in the same windows and the reset time sent in {@code
 * RateLimit} is exact. Immutable.
 */
public final class Limit {

  private final long count;
  private final Duration window;
  private final String text;

  public Limit(long count, Duration window, String text) {
    if (count < 1) {
      throw new IllegalArgumentException("a limit allows at least 1 request, not " + count);
    }
    if (window.isNegative() || window.isZero() || window.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("a limit's window is a whole number of seconds, not " + window);
    }
    this.count = count;
    this.window = window;
    this.text = text;
  }

  /** Requests allowed per window (the {@code q} of {@code RateLimit-Policy}). */
  public long count() {
    return count;
  }

  public Duration window() {
    return window;
  }

  /** The window in seconds (the {@code w} of {@code RateLimit-Policy}). */
  public long windowSeconds() {
    return window.getSeconds();
  }

  /** Nanoseconds until the current window ends, at {@code epochMillis} (clock-aligned windows). */
  public long nanosToReset(long epochMillis) {
    long windowMillis = window.toMillis();
    return (windowMillis - Math.floorMod(epochMillis, windowMillis)) * 1_000_000L;
  }

  /** As written in the policy, e.g. {@code 100/1m}. */
  @Override
  public String toString() {
    return text;
  }
}
