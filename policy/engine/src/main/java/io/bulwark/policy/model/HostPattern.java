package io.bulwark.policy.model;

import java.util.Locale;

/**
 * A host a rule applies to: {@code api.example.com} exactly, or {@code *.example.com} for any host
 * below {@code example.com} (not {@code example.com} itself). Compared with the request's {@code
 * Host} header, lower-cased, without port and trailing dot.
 */
public final class HostPattern {

  private final String text;
  private final String exact;
  private final String suffix;

  private HostPattern(String text, String exact, String suffix) {
    this.text = text;
    this.exact = exact;
    this.suffix = suffix;
  }

  /**
   * @throws IllegalArgumentException with a message that says what was expected
   */
  public static HostPattern parse(String text) {
    String host = text.toLowerCase(Locale.ROOT);
    if (host.startsWith("*.")) {
      String domain = host.substring(2);
      if (!isHostName(domain)) {
        throw bad(text);
      }
      return new HostPattern(text, null, "." + domain);
    }
    if (!isHostName(host) && !isBracketedIpv6(host)) {
      throw bad(text);
    }
    return new HostPattern(text, host, null);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("expected a host name such as api.example.com or *.example.com"
        + " (no port, no scheme) but found '" + text + "'");
  }

  /** Letters, digits and '-' in dot-separated labels of 1..63 characters; an IPv4 address is one too. */
  static boolean isHostName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    int label = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        if (label == 0 || host.charAt(i - 1) == '-') {
          return false;
        }
        label = 0;
      } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && label > 0 || c == '_') {
        if (++label > 63) {
          return false;
        }
      } else {
        return false;
      }
    }
    return label > 0 && host.charAt(host.length() - 1) != '-';
  }

  private static boolean isBracketedIpv6(String host) {
    if (host.length() < 4 || host.charAt(0) != '[' || host.charAt(host.length() - 1) != ']') {
      return false;
    }
    for (int i = 1; i < host.length() - 1; i++) {
      char c = host.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The host of a {@code Host} header value as rules compare it (lower case, no port, no trailing
   * dot), or {@code null} when the value is not a valid host.
   */
  public static String normalize(String hostHeader) {
    if (hostHeader == null) {
      return null;
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0 || close + 1 < host.length() && !isPort(host, close + 2, host.charAt(close + 1))) {
        return null;
      }
      host = host.substring(0, close + 1);
      return isBracketedIpv6(host) ? host : null;
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      if (!isPort(host, colon + 1, ':')) {
        return null;
      }
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return isHostName(host) ? host : null;
  }

  private static boolean isPort(String host, int from, char separator) {
    if (separator != ':' || from >= host.length() || host.length() - from > 5) {
      return false;
    }
    for (int i = from; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether the normalized host matches. */
  public boolean matches(String host) {
    if (host == null) {
      return false;
    }
    return exact != null ? exact.equals(host) : host.endsWith(suffix);
  }

  /** Whether every host {@code other} matches is matched by this pattern. */
  boolean covers(HostPattern other) {
    if (exact != null) {
      return exact.equals(other.exact);
    }
    return other.exact != null ? other.exact.endsWith(suffix) : other.suffix.endsWith(suffix);
  }

  @Override
  public String toString() {
    return text;
  }
}
