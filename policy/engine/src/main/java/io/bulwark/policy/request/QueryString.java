package io.bulwark.policy.request;

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

  /** Percent-decodes a path segment {@code s[from, to)} as UTF-8; a {@code +} stays a plus. */
  public static String decodePathSegment(String s, int from, int to) {
    return FormFields.decode(s, from, to, StandardCharsets.UTF_8, false);
  }

  /** Percent- and plus-decodes {@code s[from, to)} as UTF-8. */
  public static String decode(String s, int from, int to) {
    return FormFields.decode(s, from, to, StandardCharsets.UTF_8);
  }
}
