package io.bulwark.policy.load;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses the sizes (100MB) and durations (5s) policies are written with; {@code null} if malformed.
 * Sections read them through {@link Nodes#size} and {@link Nodes#duration}, which report a
 * malformed value with {@link #SIZE_FORMAT} or {@link #DURATION_FORMAT}.
 */
final class Units {

  static final String DURATION_FORMAT =
      "a duration such as 500ms, 10s, 1m, 2h or 1d (a whole number and one of ms, s, m, h, d)";
  static final String SIZE_FORMAT =
      "a size such as 512B, 64KB, 1MB or 1GB (a whole number of bytes, or one with B, KB, MB or GB;"
          + " 1KB = 1024 bytes)";

  private Units() {}

  static Long size(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    long factor = 1;
    String digits = upper;
    String[][] units = {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}};
    for (String[] unit : units) {
      if (upper.endsWith(unit[0])) {
        factor = Long.parseLong(unit[1]);
        digits = upper.substring(0, upper.length() - unit[0].length()).trim();
        break;
      }
    }
    Long number = number(digits);
    if (number == null || number > Long.MAX_VALUE / factor) {
      return null;
    }
    return number * factor;
  }

  static Duration duration(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
    for (String[] unit : units) {
      if (lower.endsWith(unit[0])) {
        Long number = number(lower.substring(0, lower.length() - unit[0].length()).trim());
        long factor = Long.parseLong(unit[1]);
        return number == null || number > Long.MAX_VALUE / factor ? null : Duration.ofMillis(number * factor);
      }
    }
    return null;
  }

  /** A duration as a policy would write it: {@code 500ms}, {@code 10s}, {@code 5m}. */
  static String format(Duration duration) {
    long ms = duration.toMillis();
    String[][] units = {{"d", "86400000"}, {"h", "3600000"}, {"m", "60000"}, {"s", "1000"}};
    for (String[] unit : units) {
      long factor = Long.parseLong(unit[1]);
      if (ms != 0 && ms % factor == 0) {
        return ms / factor + unit[0];
      }
    }
    return ms == 0 ? "0s" : ms + "ms";
  }

  static Long number(String digits) {
    if (digits.isEmpty() || digits.length() > 15) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return null;
      }
    }
    return Long.valueOf(digits);
  }
}
