package io.bulwark.policy.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response headers of draft-ietf-httpapi-ratelimit-headers (structured fields): {@code
 * RateLimit-Policy: "api-1m";q=100;w=60} says what the limits are, {@code RateLimit:
 * "api-1m";r=0;t=30} what is left of each and in how many seconds it starts over. A refusal adds
 * {@code Retry-After} (RFC 9110): seconds until every limit has room again.
 */
public final class RateLimitHeaders {

  public static final String POLICY = "RateLimit-Policy";
  public static final String STATE = "RateLimit";
  public static final String RETRY_AFTER = "Retry-After";

  private RateLimitHeaders() {}

  /** The headers for a counted request; {@code Retry-After} only when it was refused. */
  public static Map<String, String> of(RateLimit limit, Consumption consumption, long epochMillis) {
    Map<String, String> headers = new LinkedHashMap<>(4);
    headers.put(POLICY, limit.policyHeader());
    long[] remaining = consumption.remaining();
    if (remaining != null) {
      headers.put(STATE, state(limit, remaining, epochMillis));
    }
    if (!consumption.allowed()) {
      headers.put(RETRY_AFTER, Long.toString(seconds(consumption.nanosToWait())));
    }
    return headers;
  }

  private static String state(RateLimit limit, long[] remaining, long epochMillis) {
    List<Limit> limits = limit.limits();
    List<String> names = limit.policyNames();
    StringBuilder value = new StringBuilder(32 * limits.size());
    for (int i = 0; i < limits.size() && i < remaining.length; i++) {
      if (i > 0) {
        value.append(", ");
      }
      value.append(names.get(i)).append(";r=").append(Math.max(0, remaining[i]))
          .append(";t=").append(seconds(limits.get(i).nanosToReset(epochMillis)));
    }
    return value.toString();
  }

  /** Whole seconds, rounded up, at least 1: a client that waits this long finds room. */
  static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  /**
   * A structured-field string (RFC 8941 section 3.3.3): printable ASCII, with {@code \} and {@code
   * "} escaped; other characters of a rule name become {@code _}.
   */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c >= 0x20 && c <= 0x7e) {
        quoted.append(c);
      } else {
        quoted.append('_');
      }
    }
    return quoted.append('"').toString();
  }
}
