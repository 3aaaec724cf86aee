package io.bulwark.policy.ratelimit;

import java.time.Duration;

/** Durations as a policy writes them ({@code 1s}, {@code 10m}, {@code 1d}), for names and messages. */
final class Durations {

  private Durations() {}

  static String format(Duration duration) {
    long seconds = duration.getSeconds();
    long[] factors = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < factors.length; i++) {
      if (seconds != 0 && seconds % factors[i] == 0) {
        return seconds / factors[i] + units[i];
      }
    }
    return duration.toMillis() + "ms";
  }
}
