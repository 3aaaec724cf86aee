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
    // one mask test per character of the text rather than one search of the set per character
    // (screens run on every value); the set's masks are made once per set, not once per call
    CharSet set = charSet(chars);
    long low = set.low;
    long high = set.high;
    boolean nonAscii = set.nonAscii;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 64 ? (low & (1L << c)) != 0 : c < 128 ? (high & (1L << (c - 64))) != 0
          : nonAscii && chars.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets seen, by identity (callers pass constants): a racy cache of immutable entries, where a
   * miss or a lost race only means the masks are made again.
   */
  private static final CharSet[] SETS = new CharSet[32];

  private static CharSet charSet(String chars) {
    int slot = System.identityHashCode(chars) & (SETS.length - 1);
    CharSet set = SETS[slot];
    if (set == null || set.chars != chars) {
      set = new CharSet(chars);
      SETS[slot] = set;
    }
    return set;
  }

  /** A set of characters: its ASCII ones as two 64-bit masks, and whether it has others. */
  private static final class CharSet {
    final String chars;
    final long low;
    final long high;
    final boolean nonAscii;

    CharSet(String chars) {
      long l = 0;
      long h = 0;
      boolean other = false;
      for (int k = 0, m = chars.length(); k < m; k++) {
        char c = chars.charAt(k);
        if (c < 64) {
          l |= 1L << c;
        } else if (c < 128) {
          h |= 1L << (c - 64);
        } else {
          other = true;
        }
      }
      this.chars = chars;
      this.low = l;
      this.high = h;
      this.nonAscii = other;
    }
  }

  public static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** Where {@code value} starts after what {@link String#trim} removes (characters up to the space). */
  public static int trimmedStart(CharSequence value) {
    int from = 0;
    while (from < value.length() && value.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  /** Where {@code value} ends before what {@link String#trim} removes, but not before {@code from}. */
  public static int trimmedEnd(CharSequence value, int from) {
    int to = value.length();
    while (to > from && value.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }

  public static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u00a0';
  }
}
