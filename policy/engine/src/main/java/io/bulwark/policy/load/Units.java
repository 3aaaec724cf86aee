package io.bulwark.policy.load;

import java.time.Duration;
import java.util.Locale;

/**
 * The value formats policy files use for durations ({@code 500ms}, {@code 10s}, {@code 1m}) and
 * sizes ({@code 512B}, {@code 64KB}, {@code 1MB}). Each parser throws {@link
 * IllegalArgumentException} with a message that says what was expected.
 */
final class Units {

  static final String DURATION_FORMAT =
      "a duration such as 500ms, 10s, 1m, 2h or 1d (a whole number and one of ms, s, m, h, d)";
  static final String SIZE_FORMAT =
      "a size such as 512B, 64KB, 1MB or 1GB (a whole number of bytes, or one with B, KB, MB or GB;"
          + " 1KB = 1024 bytes)";

  private static final long MAX_NUMBER = 999_999_999L;

  private Units() {}

  static Duration duration(String text) {
    int digits = leadingDigits(text);
    if (digits == 0 || digits > 9) {
      throw new IllegalArgumentException("expected " + DURATION_FORMAT);
    }
    long amount = Long.parseLong(text.substring(0, digits));
    switch (text.substring(digits)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        throw new IllegalArgumentException("expected " + DURATION_FORMAT);
    }
  }

  /** A size in bytes. A plain whole number is a number of bytes. */
  static long size(String text) {
    int digits = leadingDigits(text);
    if (digits == 0 || digits > 9) {
      throw new IllegalArgumentException("expected " + SIZE_FORMAT);
    }
    long amount = Long.parseLong(text.substring(0, digits));
    if (amount > MAX_NUMBER) {
      throw new IllegalArgumentException("expected " + SIZE_FORMAT);
    }
    switch (text.substring(digits).toUpperCase(Locale.ROOT)) {
      case "":
      case "B":
        return amount;
      case "KB":
        return amount << 10;
      case "MB":
        return amount << 20;
      case "GB":
        return amount << 30;
      default:
        throw new IllegalArgumentException("expected " + SIZE_FORMAT);
    }
  }

  private static int leadingDigits(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
