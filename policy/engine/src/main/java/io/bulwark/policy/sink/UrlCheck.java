package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import java.util.List;
import java.util.Locale;

/**
 * Whether a request input steers an outbound connection somewhere a server should not go on a
 * client's say-so. An input steers a URL when it appears in its scheme or authority (the
 * application wrote {@code "http://" + host + "/x"}, or fetched the input itself); then a scheme
 * other than http(s), or a host that is, or resolves to, an internal address is refused, unless
 * the policy allows the host. Paths and query strings built from input are no SSRF.
 */
final class UrlCheck {

  private UrlCheck() {}

  /** A URL or URI as text. */
  static SinkFinding checkUrl(String url, List<RequestInputs.Input> inputs, HostAllowList allowHosts) {
    int colon = url.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    int authorityStart = url.startsWith("//", colon + 1) ? colon + 3 : colon + 1;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    RequestInputs.Input steering = steeredBy(url, inputs);
    if (steering == null) {
      return null;
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      if (url.indexOf(steering.value) <= colon) {
        return new SinkFinding(Category.SSRF, "ssrf.scheme", steering.value, steering.location);
      }
      return null;
    }
    String host = host(url.substring(authorityStart, authorityEnd));
    return checkHost(host, steering, allowHosts);
  }

  /**
   * The input that chose where {@code url} goes, or {@code null}: one that appears in its scheme,
   * covers the whole host, or the leading labels of a host name (the application wrote {@code
   * "http://" + tenant + ".example.com"}). An input that only matches inside the host ({@code 10}
   * in {@code 10.0.0.5}, {@code internal} in {@code api.internal}) chose nothing.
   */
  static RequestInputs.Input steeredBy(String url, List<RequestInputs.Input> inputs) {
    int colon = url.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    int authorityStart = url.startsWith("//", colon + 1) ? colon + 3 : colon + 1;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = url.substring(authorityStart, authorityEnd);
    String host = host(authority);
    int hostStart = authorityStart + authority.lastIndexOf('@') + 1;
    int hostEnd = hostStart + host.length();
    boolean literal = InternalAddresses.isAddressLiteral(host);
    for (RequestInputs.Input input : inputs) {
      int at = url.indexOf(input.value);
      for (int seen = 0; at >= 0 && at < authorityEnd && seen < SqlCheck.MAX_OCCURRENCES; seen++) {
        int end = at + input.value.length();
        boolean scheme = at <= colon;
        boolean wholeHost = at <= hostStart && end >= hostEnd;
        // The leading labels of a name ("http://" + tenant + ".example.com"); an address literal
        // only counts whole (10 in 10.0.0.5 is a coincidence).
        boolean hostStartCovered = !literal && at <= hostStart && end > hostStart
            && (end >= hostEnd || url.charAt(end) == '.');
        if (scheme || hostStartCovered || wholeHost) {
          return input;
        }
        at = url.indexOf(input.value, at + 1);
      }
    }
    return null;
  }

  /** A redirect, answered by a server the request's input chose, to {@code url}. */
  static SinkFinding checkRedirect(String url, HostAllowList allowHosts) {
    int colon = url.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    RequestInputs.Input redirect = new RequestInputs.Input("redirect", url);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new SinkFinding(Category.SSRF, "ssrf.scheme", url, "redirect");
    }
    int authorityStart = url.startsWith("//", colon + 1) ? colon + 3 : colon + 1;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    return checkHost(host(url.substring(authorityStart, authorityEnd)), redirect, allowHosts);
  }

  /** A socket connection to {@code host} (as the application named it) at {@code address}. */
  static SinkFinding checkConnect(String host, java.net.InetAddress address, List<RequestInputs.Input> inputs,
      HostAllowList allowHosts, boolean steeredEarlier) {
    RequestInputs.Input steering = null;
    for (RequestInputs.Input input : inputs) {
      if (host != null && host.length() >= RequestInputs.MIN_LENGTH && namesHost(input.value, host)) {
        steering = input;
        break;
      }
    }
    if (steering == null && !steeredEarlier) {
      return null;
    }
    if (host != null && allowHosts.allows(host)) {
      return null;
    }
    String internal = InternalAddresses.classify(address);
    if (internal == null) {
      return null;
    }
    String evidence = steering != null ? steering.value : host;
    return new SinkFinding(Category.SSRF, reason(internal), evidence, steering != null ? steering.location : null);
  }

  /**
   * Whether {@code value} names {@code host} as a whole: the value is the host, or has it between
   * URL delimiters ({@code http://db:5432/}, {@code user@db}); a word that merely contains the
   * host's letters ({@code feedback} and host {@code db}) does not.
   */
  static boolean namesHost(String value, String host) {
    int at = indexOfIgnoreCase(value, host, 0);
    while (at >= 0) {
      int end = at + host.length();
      boolean startsHost = at == 0 || "/@[:".indexOf(value.charAt(at - 1)) >= 0;
      boolean endsHost = end == value.length() || ":/?#]".indexOf(value.charAt(end)) >= 0;
      if (startsHost && endsHost) {
        return true;
      }
      at = indexOfIgnoreCase(value, host, at + 1);
    }
    return false;
  }

  private static int indexOfIgnoreCase(String text, String part, int from) {
    for (int i = from; i <= text.length() - part.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return i;
      }
    }
    return -1;
  }

  private static SinkFinding checkHost(String host, RequestInputs.Input steering, HostAllowList allowHosts) {
    if (host.isEmpty() || allowHosts.allows(host)) {
      return null;
    }
    String internal = InternalAddresses.classifyHost(host, true);
    return internal == null ? null
        : new SinkFinding(Category.SSRF, reason(internal), steering.value, steering.location);
  }

  private static String reason(String internal) {
    return internal.equals("metadata") ? "ssrf.metadata" : "ssrf.internal-address";
  }

  /** The host of an authority: without user info and port, IPv6 brackets kept. */
  static String host(String authority) {
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return close < 0 ? hostPort : hostPort.substring(0, close + 1);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }
}
