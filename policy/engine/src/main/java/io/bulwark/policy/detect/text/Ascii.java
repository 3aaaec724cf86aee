package io.bulwark.policy.detect.text;

/** Small allocation-free helpers for case-insensitive ASCII scanning. */
public final class Ascii {

  private Ascii() {}

  /** Whether {@code text} has {@code lower} (lower-case ASCII) at {@code at}, ignoring ASCII case. */
  public static boolean regionIs(CharSequence text, int at, String lower) {
    if (at < 0 || at + lower.length() > text.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if (WordTable.lowerAscii(text.charAt(at + i)) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The first index of {@code lower} in {@code text} from {@code from}, ignoring ASCII case, or -1. */
  public static int indexOf(CharSequence text, String lower, int from) {
    int n = text.length() - lower.length();
    char first = lower.charAt(0);
    for (int i = Math.max(0, from); i <= n; i++) {
      if (WordTable.lowerAscii(text.charAt(i)) == first && regionIs(text, i, lower)) {
        return i;
      }
    }
    return -1;
  }

  public static boolean contains(CharSequence text, String lower) {
    return indexOf(text, lower, 0) >= 0;
  }

  /** Whether any character of {@code chars} occurs in {@code text}. */
  public static boolean containsAny(CharSequence text, String chars) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  public static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  public static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u00a0';
  }
}
