package io.bulwark.policy.detect.decode;

/**
 * Undoes the encodings attackers stack to slip a payload past a filter, so that detectors look at
 * what a downstream parser (a database, a shell, a browser, a file system) would finally read.
 *
 * <p>One round decodes, in a single left-to-right pass: URL percent escapes (UTF-8, leniently:
 * overlong forms such as {@code %c0%ae} read as the ASCII they spell, bytes that are no UTF-8 read
 * as Latin-1), {@code %uXXXX}, {@code \\uXXXX}, {@code \\u{X..}}, {@code \\xXX} and {@code \\/}
 * escapes, and HTML character references (named common ones, decimal and hex, with or without the
 * {@code ;}). Rounds repeat while the value changes, at most {@link #MAX_ROUNDS} times (so
 * {@code %2527} is a quote, {@code &amp;lt;} a {@code <}). Then fullwidth and a few compatibility
 * look-alikes of ASCII are folded to ASCII.
 *
 * <p>Every step is linear and never makes a value longer (an escape is never shorter than what it
 * decodes to), so the output is bounded by the input. A value without {@code % & \\} and without
 * non-ASCII characters is returned as the same instance, without allocating.
 */
public final class InputDecoding {

  /** How many times decoding is repeated while it still changes the value. */
  public static final int MAX_ROUNDS = 3;

  private InputDecoding() {}

  /** Every decoding of this class, repeated, then ASCII look-alike folding. */
  public static String decode(String value) {
    if (value == null) {
      return "";
    }
    String current = value;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (!hasEscapes(current)) {
        break;
      }
      String next = decodeOnce(current);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return foldCompatibility(current);
  }

  /** Whether the value holds a character that could start an escape ({@code % & \\}). */
  public static boolean hasEscapes(CharSequence value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c == '%' || c == '&' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** One round of percent, backslash and entity decoding. */
  static String decodeOnce(String s) {
    int n = s.length();
    StringBuilder out = null;
    // a value that still carries percent escapes was form-encoded: its literal '+' are spaces too
    // (but not the '+' an escape decodes to: %2B stays a plus)
    boolean formEncoded = hasPercentEscape(s);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int consumed = 0;
      if (c == '%') {
        if (i + 6 <= n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U') && hex(s, i + 2, 4) >= 0) {
          out = start(out, s, i);
          out.append((char) hex(s, i + 2, 4));
          consumed = 6;
        } else if (hex(s, i + 1, 2) >= 0) {
          out = start(out, s, i);
          consumed = percentBytes(s, i, out);
        }
      } else if (c == '\\' && i + 1 < n) {
        consumed = backslash(s, i, null);
        if (consumed > 0) {
          out = start(out, s, i);
          backslash(s, i, out);
        }
      } else if (c == '&') {
        consumed = entity(s, i, null);
        if (consumed > 0) {
          out = start(out, s, i);
          entity(s, i, out);
        }
      }
      if (consumed > 0) {
        i += consumed;
      } else {
        if (c == '+' && formEncoded) {
          out = start(out, s, i);
          c = ' ';
        }
        if (out != null) {
          out.append(c);
        }
        i++;
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean hasPercentEscape(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (hex(s, i + 1, 2) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static StringBuilder start(StringBuilder out, String s, int upTo) {
    if (out != null) {
      return out;
    }
    StringBuilder b = new StringBuilder(s.length());
    b.append(s, 0, upTo);
    return b;
  }

  /**
   * Decodes a run of {@code %XX} escapes at {@code i} as UTF-8 (leniently) into {@code out}, or
   * returns 0 when there is no valid escape at {@code i} (then {@code out} is unchanged).
   */
  private static int percentBytes(String s, int i, StringBuilder out) {
    int j = i;
    // collect up to 4 bytes of one UTF-8 sequence at a time
    int first = byteAt(s, j);
    if (first < 0) {
      return 0;
    }
    int length;
    if (first < 0x80) {
      out.append((char) first);
      return 3;
    } else if (first >= 0xc0 && first < 0xe0) {
      length = 2;
    } else if (first >= 0xe0 && first < 0xf0) {
      length = 3;
    } else if (first >= 0xf0 && first < 0xf8) {
      length = 4;
    } else {
      out.append((char) first); // a stray continuation byte or no UTF-8: Latin-1
      return 3;
    }
    int cp = first & (0x7f >> length);
    for (int k = 1; k < length; k++) {
      int b = byteAt(s, j + 3 * k);
      if (b < 0 || (b & 0xc0) != 0x80) {
        out.append((char) first); // not a sequence: Latin-1 for the lead byte
        return 3;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
      out.append('\ufffd');
    } else {
      out.appendCodePoint(cp); // overlong forms included on purpose: %c0%ae is '.'
    }
    return 3 * length;
  }

  private static int byteAt(String s, int i) {
    if (i + 3 > s.length() || s.charAt(i) != '%') {
      return -1;
    }
    return hex(s, i + 1, 2);
  }

  /** Decodes a backslash escape at {@code i} into {@code out} (if not null); returns its length or 0. */
  private static int backslash(String s, int i, StringBuilder out) {
    int n = s.length();
    char e = s.charAt(i + 1);
    if (e == 'u' || e == 'U') {
      if (i + 2 < n && s.charAt(i + 2) == '{') {
        int close = -1;
        for (int k = i + 3; k < n && k <= i + 10; k++) {
          if (s.charAt(k) == '}') {
            close = k;
            break;
          }
        }
        if (close > i + 3) {
          int cp = hex(s, i + 3, close - i - 3);
          if (cp >= 0 && cp <= 0x10ffff) {
            if (out != null) {
              out.appendCodePoint(cp);
            }
            return close - i + 1;
          }
        }
        return 0;
      }
      int cp = hex(s, i + 2, 4);
      if (cp >= 0) {
        if (out != null) {
          out.append((char) cp);
        }
        return 6;
      }
    } else if (e == 'x' || e == 'X') {
      int b = hex(s, i + 2, 2);
      if (b >= 0) {
        if (out != null) {
          out.append((char) b);
        }
        return 4;
      }
    } else if (e == '/') {
      if (out != null) {
        out.append('/');
      }
      return 2;
    }
    return 0;
  }

  /** Decodes an HTML character reference at {@code i} into {@code out} (if not null); returns its length or 0. */
  private static int entity(String s, int i, StringBuilder out) {
    int n = s.length();
    if (i + 2 >= n) {
      return 0;
    }
    if (s.charAt(i + 1) == '#') {
      int k = i + 2;
      boolean hexadecimal = k < n && (s.charAt(k) == 'x' || s.charAt(k) == 'X');
      if (hexadecimal) {
        k++;
      }
      int digitsStart = k;
      while (k < n && s.charAt(k) == '0' && k + 1 < n && Character.digit(s.charAt(k + 1), hexadecimal ? 16 : 10) >= 0
          && s.charAt(k + 1) < 0x80) {
        k++; // leading zeros: &#0000000060; is '<'
      }
      int significant = k;
      long cp = 0;
      while (k < n && k - significant < 8) {
        int d = hexadecimal ? Character.digit(s.charAt(k), 16) : Character.digit(s.charAt(k), 10);
        if (d < 0 || s.charAt(k) > 0x7f) {
          break;
        }
        cp = cp * (hexadecimal ? 16 : 10) + d;
        k++;
      }
      if (k == digitsStart) {
        return 0;
      }
      if (k < n && s.charAt(k) == ';') {
        k++;
      }
      if (out != null) {
        if (cp == 0 || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
          out.append(cp == 0 ? '\u0000' : '\ufffd');
        } else {
          out.appendCodePoint((int) cp);
        }
      }
      return k - i;
    }
    int k = i + 1;
    while (k < n && k - i <= 9 && isAsciiLetter(s.charAt(k))) {
      k++;
    }
    if (k == i + 1) {
      return 0;
    }
    boolean semicolon = k < n && s.charAt(k) == ';';
    char decoded = HtmlEntities.lookup(s, i + 1, k, semicolon);
    if (decoded == 0) {
      return 0;
    }
    if (out != null) {
      out.append(decoded);
    }
    return k - i + (semicolon ? 1 : 0);
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** The value of {@code count} hex digits at {@code from}, or -1. */
  static int hex(CharSequence s, int from, int count) {
    if (from < 0 || from + count > s.length() || count <= 0 || count > 7) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + count; k++) {
      char c = s.charAt(k);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /**
   * Folds fullwidth forms (U+FF01..U+FF5E), the ideographic space and a few compatibility
   * look-alikes of ASCII punctuation to ASCII: what NFKC normalization in an application or
   * database would turn them into. Returns the same instance when there is nothing to fold.
   */
  public static String foldCompatibility(String s) {
    char[] chars = null;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x2000) {
        continue;
      }
      char folded = fold(c);
      if (folded != c) {
        if (chars == null) {
          chars = s.toCharArray();
        }
        chars[i] = folded;
      }
    }
    return chars == null ? s : new String(chars);
  }

  private static char fold(char c) {
    if (c >= '\uff01' && c <= '\uff5e') {
      return (char) (c - 0xfee0);
    }
    switch (c) {
      case '\u3000':
        return ' ';
      case '\u2024': // one dot leader
      case '\ufe52': // small full stop
        return '.';
      case '\u2215': // division slash
      case '\u2044': // fraction slash
        return '/';
      case '\u2216': // set minus
      case '\ufe68': // small reverse solidus
        return '\\';
      case '\ufe64':
        return '<';
      case '\ufe65':
        return '>';
      case '\u02bc': // modifier letter apostrophe, folded to ' by some collations
        return '\'';
      default:
        return c;
    }
  }

  /** ASCII-only lower case, the same in every locale; the same instance when already lower case. */
  public static String lowerAscii(String s) {
    char[] chars = null;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (chars == null) {
          chars = s.toCharArray();
        }
        chars[i] = (char) (c + 32);
      }
    }
    return chars == null ? s : new String(chars);
  }
}
