package io.bulwark.policy.client;

import java.util.List;

/**
 * The addresses of a forwarding header, read from the right (the hop nearest to the server first):
 * {@code X-Forwarded-For: 203.0.113.9, 10.0.0.7} or {@code Forwarded: for=203.0.113.9;proto=https,
 * for="[2001:db8::1]:4711"}. Several header lines are one list, in the order received. A small
 * tokenizer, no regular expressions: the values are written by clients.
 */
final class Hops {

  private final List<String> values;
  private final boolean forwarded;
  private int line;
  private int end;

  Hops(List<String> values, boolean forwarded) {
    this.values = values;
    this.forwarded = forwarded;
    this.line = values.size() - 1;
    this.end = line < 0 ? 0 : values.get(line).length();
  }

  /**
   * The next address to the left, as written without port or brackets; {@code ""} for an unreadable
   * hop; {@code null} at the start.
   */
  String previous() {
    while (line >= 0) {
      String value = values.get(line);
      if (end <= 0) {
        line--;
        end = line >= 0 ? values.get(line).length() : 0;
        continue;
      }
      int start = elementStart(value, end);
      String element = value.substring(start, end).trim();
      end = start - 1; // before the comma; at the line's start this moves to the previous line
      if (!element.isEmpty()) {
        return host(forwarded ? forParameter(element) : element);
      }
    }
    return null;
  }

  /** Where the comma-separated element ending at {@code end} starts (commas inside quotes do not count). */
  private static int elementStart(String value, int end) {
    boolean quoted = false;
    for (int i = end - 1; i >= 0; i--) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The value of {@code for=} in one Forwarded element, unquoted; {@code ""} when it has none. */
  private static String forParameter(String element) {
    int from = 0;
    while (from < element.length()) {
      int semicolon = element.indexOf(';', from);
      String pair = element.substring(from, semicolon < 0 ? element.length() : semicolon).trim();
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
        String value = pair.substring(equals + 1).trim();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
      if (semicolon < 0) {
        break;
      }
      from = semicolon + 1;
    }
    return "";
  }

  /** The address of a hop without brackets and port: {@code [2001:db8::1]:443}, {@code 192.0.2.1:80}. */
  static String host(String hop) {
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      return close < 0 ? "" : hop.substring(1, close);
    }
    int colon = hop.indexOf(':');
    if (colon >= 0 && hop.indexOf(':', colon + 1) < 0) {
      return hop.substring(0, colon); // IPv4 with a port; IPv6 has more than one colon
    }
    return hop;
  }
}
