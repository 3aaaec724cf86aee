package io.bulwark.instrumentation.servlet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code application/x-www-form-urlencoded} decoding as containers do it for the application's
 * {@code getParameter}: {@code &}-separated pairs, {@code +} a space, {@code %XX} a byte of the
 * request's charset. The text is the body's bytes as ISO-8859-1, so each char is one byte.
 */
final class FormDecoding {

  private FormDecoding() {}

  static List<String[]> fields(String text, Charset charset) {
    List<String[]> fields = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = text.length();
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

  private static String decode(String s, int from, int to, Charset charset) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%' && i + 2 < to && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return new String(bytes.toByteArray(), charset);
  }
}
