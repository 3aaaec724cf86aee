package io.bulwark.policy.detect.text;

/**
 * The classes of characters a value holds, as the bits of one {@code long}, read in a single pass:
 * each ASCII punctuation character and control that a detector's screen looks for has a bit of its
 * own; letters, digits and the non-ASCII ranges the screens care about share a bit per class. Lets
 * every detector's "does it hold any of my trigger characters?" be one {@code AND} on a value read
 * once, instead of one scan per detector (see {@code Detector#triggers}).
 */
public final class CharClasses {

  public static final long NUL = 1L;
  public static final long CR = 1L << 1;
  public static final long LF = 1L << 2;
  public static final long TAB = 1L << 3;
  /** Any other C0 control or DEL. */
  public static final long CONTROL = 1L << 4;
  public static final long DIGIT = 1L << 5;
  public static final long LOWER = 1L << 6;
  public static final long UPPER = 1L << 7;
  /** U+0080..U+00FF. */
  public static final long LATIN1 = 1L << 8;
  /** NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR: line breaks to some stacks. */
  public static final long LINE_BREAK = 1L << 9;
  /** Fullwidth ASCII forms, U+FF01..U+FF5E. */
  public static final long FULLWIDTH = 1L << 10;
  /** Anything at or above U+FF00 (the halfwidth and fullwidth forms block and beyond). */
  public static final long FF00_UP = 1L << 11;
  /** Any other character above U+00FF. */
  public static final long OTHER = 1L << 12;
  /** A {@code 0} followed by {@code x} or {@code X}: the start of a hexadecimal literal. */
  public static final long ZERO_X = 1L << 13;

  // one bit for each printable ASCII character that is not a letter or digit: ' ' .. '/', ':' .. '@',
  // '[' .. '`', '{' .. '~'
  private static final String PUNCTUATION = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final int FIRST_PUNCTUATION_BIT = 14;

  public static final long SPACE = of(' ');
  public static final long BANG = of('!');
  public static final long DOLLAR = of('$');
  public static final long PERCENT = of('%');
  public static final long AMP = of('&');
  public static final long LPAREN = of('(');
  public static final long DOT = of('.');
  public static final long SLASH = of('/');
  public static final long COLON = of(':');
  public static final long LT = of('<');
  public static final long EQUALS = of('=');
  public static final long BACKSLASH = of('\\');
  public static final long UNDERSCORE = of('_');
  public static final long MINUS = of('-');
  public static final long LBRACKET = of('[');
  public static final long PLUS = of('+');
  public static final long BACKTICK = of('`');
  public static final long SEMICOLON = of(';');
  public static final long PIPE = of('|');
  public static final long GT = of('>');
  public static final long LBRACE = of('{');
  public static final long RBRACKET = of(']');

  private static final long[] ASCII = new long[128];

  static {
    for (int c = 0; c < 128; c++) {
      long bit;
      if (c == 0) {
        bit = NUL;
      } else if (c == '\r') {
        bit = CR;
      } else if (c == '\n') {
        bit = LF;
      } else if (c == '\t') {
        bit = TAB;
      } else if (c < 0x20 || c == 0x7f) {
        bit = CONTROL;
      } else if (c >= '0' && c <= '9') {
        bit = DIGIT;
      } else if (c >= 'a' && c <= 'z') {
        bit = LOWER;
      } else if (c >= 'A' && c <= 'Z') {
        bit = UPPER;
      } else {
        bit = 1L << (FIRST_PUNCTUATION_BIT + PUNCTUATION.indexOf(c));
      }
      ASCII[c] = bit;
    }
  }

  private CharClasses() {}

  /** The bit of one printable ASCII punctuation character. */
  private static long of(char punctuation) {
    int index = PUNCTUATION.indexOf(punctuation);
    if (index < 0) {
      throw new IllegalArgumentException("not punctuation: " + punctuation);
    }
    return 1L << (FIRST_PUNCTUATION_BIT + index);
  }

  /**
   * Stands for classes not read yet: every bit set, so every screen passes. No value has it (the
   * classes use 47 of the 64 bits).
   */
  public static final long NOT_READ = -1L;

  /** The classes of every character of {@code s}. */
  public static long of(String s) {
    long classes = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      classes |= at(s, i);
    }
    return classes;
  }

  /**
   * The classes of the character at {@code i} (with {@link #ZERO_X} when it ends a {@code 0x}): the
   * step of {@link #of}, for a caller that reads a value once for its classes and something else.
   */
  public static long at(String s, int i) {
    char c = s.charAt(i);
    if (c < 128) {
      long bits = ASCII[c];
      return (c | 0x20) == 'x' && i > 0 && s.charAt(i - 1) == '0' ? bits | ZERO_X : bits;
    }
    return nonAscii(c);
  }

  private static long nonAscii(char c) {
    if (c <= 0xff) {
      return c == '\u0085' ? LATIN1 | LINE_BREAK : LATIN1;
    }
    if (c == '\u2028' || c == '\u2029') {
      return OTHER | LINE_BREAK;
    }
    if (c >= '\uff00') {
      return c >= '\uff01' && c <= '\uff5e' ? FF00_UP | FULLWIDTH : FF00_UP;
    }
    return OTHER;
  }
}
