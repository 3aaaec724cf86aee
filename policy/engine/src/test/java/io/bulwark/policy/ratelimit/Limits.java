package io.bulwark.policy.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Rate limits for tests, written as in a policy: {@code Limits.of("api", LimitKey.IP, "100/1m", "10/1s")}. */
final class Limits {

  private Limits() {}

  static RateLimit of(String rule, LimitKey key, String... limits) {
    return of(rule, key, false, limits);
  }

  static RateLimit of(String rule, LimitKey key, boolean sendHeaders, String... limits) {
    List<Limit> parsed = new ArrayList<>();
    for (String text : limits) {
      String[] parts = text.split("/");
      String window = parts[1];
      long seconds = Long.parseLong(window.substring(0, window.length() - 1))
          * switch (window.charAt(window.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> throw new IllegalArgumentException(text);
          };
      parsed.add(new Limit(Long.parseLong(parts[0]), Duration.ofSeconds(seconds), text));
    }
    return new RateLimit(rule, key, key == LimitKey.HEADER ? "X-Tenant" : null, parsed, sendHeaders);
  }
}
