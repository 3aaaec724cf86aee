package io.bulwark.policy.request;

import java.util.ArrayList;
import java.util.List;

/**
 * The cookies of {@code Cookie} request headers (RFC 6265 {@code name=value; name2=value2}), as
 * {@code [name, value]} pairs. Quotes around a value are dropped; nothing is decoded, as servlet
 * containers hand cookie values to applications as sent.
 */
public final class Cookies {

  private Cookies() {}

  public static List<String[]> parse(List<String> headers, int max) {
    List<String[]> cookies = new ArrayList<>();
    for (String header : headers) {
      int start = 0;
      while (start < header.length() && cookies.size() < max) {
        int end = header.indexOf(';', start);
        if (end < 0) {
          end = header.length();
        }
        int equals = header.indexOf('=', start);
        if (equals > start && equals < end) {
          String name = header.substring(start, equals).trim();
          String value = header.substring(equals + 1, end).trim();
          if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            value = value.substring(1, value.length() - 1);
          }
          if (!name.isEmpty()) {
            cookies.add(new String[] {name, value});
          }
        }
        start = end + 1;
      }
    }
    return cookies;
  }
}
