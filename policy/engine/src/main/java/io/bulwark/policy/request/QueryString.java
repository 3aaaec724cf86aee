package io.bulwark.policy.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads parameters from a raw query string the way servlet containers do: {@code &}-separated
 * {@code name=value} pairs, {@code +} as space, percent-decoding as UTF-8. A malformed escape is
 * kept as written rather than failing, as Tomcat and Jetty do in their lenient modes.
 */
public final class QueryString {

  private QueryString() {}

  /** Every value of {@code name} (exact, case-sensitive like servlet parameters), in order. */
  public static List<String> values(String rawQuery, String name) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> values = null;
    int start = 0;
    int length = rawQuery.length();
    while (start <= length) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      if (end > start) {
        int equals = rawQuery.indexOf('=', start);
        int nameEnd = equals < 0 || equals > end ? end : equals;
        if (decode(rawQuery, start, nameEnd).equals(name)) {
          if (values == null) {
            values = new ArrayList<>(1);
          }
          values.add(nameEnd == end ? "" : decode(rawQuery, nameEnd + 1, end));
        }
      }
      start = end + 1;
    }
    return values == null ? Collections.emptyList() : values;
  }

  /** Percent- and plus-decodes {@code s[from, to)} as UTF-8. */
  public static String decode(String s, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      char c = s.charAt(i);
      plain = c != '%' && c != '+';
    }
    if (plain) {
      return s.substring(from, to);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
        byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i = end - 1;
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
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
