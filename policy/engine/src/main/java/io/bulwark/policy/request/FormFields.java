package io.bulwark.policy.request;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code application/x-www-form-urlencoded} text (a query string or a form body) as name/value
 * pairs, decoded as servlet containers decode them: {@code +} is a space, {@code %XX} a byte of
 * {@code charset}; a malformed escape is kept as written.
 */
public final class FormFields {

  private FormFields() {}

  /** Decoded pairs {@code [name, value]}, in order; at most {@code max + 1}, so a caller can tell "more than max". */
  public static List<String[]> parse(String text, Charset charset, int max) {
    List<String[]> fields = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return fields;
    }
    int start = 0;
    int length = text.length();
    while (start <= length && fields.size() <= max) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      if (end > start) {
        int equals = text.indexOf('=', start);
        int nameEnd = equals < 0 || equals > end ? end : equals;
        fields.add(new String[] {decode(text, start, nameEnd, charset),
            nameEnd == end ? "" : decode(text, nameEnd + 1, end, charset)});
      }
      start = end + 1;
    }
    return fields;
  }

  /** How many {@code &}-separated non-empty fields {@code text} has, counted without decoding. */
  public static int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int count = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = text.length();
      }
      if (end > start) {
        count++;
      }
      start = end + 1;
    }
    return count;
  }

  static String decode(String s, int from, int to, Charset charset) {
    return decode(s, from, to, charset, true);
  }

  /** @param plusIsSpace true in forms and queries; false in a path, where a {@code +} is a plus */
  static String decode(String s, int from, int to, Charset charset, boolean plusIsSpace) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      char c = s.charAt(i);
      plain = c != '%' && (c != '+' || !plusIsSpace);
    }
    if (plain) {
      return s.substring(from, to);
    }
    // at most 3 bytes per char: an escape is 3 chars for 1 byte, a char outside ASCII up to 3 bytes
    // (a surrogate pair 4 bytes for 2 chars); a plain array, as ByteArrayOutputStream locks per write
    byte[] bytes = new byte[3 * (to - from)];
    int size = 0;
    boolean asciiIsOneByte = isAsciiCompatible(charset);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+' && plusIsSpace) {
        bytes[size++] = ' ';
      } else if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        bytes[size++] = (byte) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else if (c < 0x80 && asciiIsOneByte) {
        bytes[size++] = (byte) c;
      } else {
        int end =
            Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
        byte[] raw = s.substring(i, end).getBytes(charset);
        if (size + raw.length > bytes.length) {
          bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + raw.length));
        }
        System.arraycopy(raw, 0, bytes, size, raw.length);
        size += raw.length;
        i = end - 1;
      }
    }
    return new String(bytes, 0, size, charset);
  }

  /** Whether an ASCII character is its own single byte in {@code charset} (not so in UTF-16 or EBCDIC). */
  private static boolean isAsciiCompatible(Charset charset) {
    return charset == StandardCharsets.UTF_8 || charset == StandardCharsets.ISO_8859_1
        || charset == StandardCharsets.US_ASCII;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
