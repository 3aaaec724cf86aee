package io.bulwark.policy.detect.net;

import io.bulwark.policy.detect.text.WordTable;
import java.util.Locale;

/**
 * Host names and IP addresses as URL parsers and resolvers read them, to tell internal targets
 * from public ones. IPv4 is read the way {@code inet_aton} (and so curl, browsers, Java's URL and
 * most HTTP clients) reads it: one to four parts, each decimal, {@code 0x} hex or {@code 0} octal,
 * the last filling the remaining bytes ({@code 127.1}, {@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1} are all 127.0.0.1). IPv6 with {@code ::}, an embedded IPv4 tail, a zone and
 * brackets; IPv4-mapped and -compatible forms classify as their IPv4 address.
 */
public final class HostAddresses {

  /** What a host is, from the point of view of a server that would connect to it. */
  public enum HostClass {
    PUBLIC,
    LOOPBACK,
    PRIVATE,
    LINK_LOCAL,
    /** RFC 6598 shared address space 100.64.0.0/10 (carrier-grade NAT, also some cloud internals). */
    SHARED,
    /** A cloud instance metadata service: 169.254.169.254, fd00:ec2::254, metadata.google.internal... */
    METADATA,
    /** 0.0.0.0 and :: — which many stacks connect to as the local host. */
    UNSPECIFIED,
    /** A name that only resolves inside a network: localhost, *.internal, *.local, kubernetes.default... */
    INTERNAL_NAME,
    /** Any other name: resolved by DNS, unknown here. */
    NAME;

    /** Whether connecting there reaches something inside the server's own network. */
    public boolean isInternal() {
      return this != PUBLIC && this != NAME;
    }
  }

  private static final WordTable INTERNAL_NAMES =
      new WordTable(
          "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "localhost4",
          "localhost6", "localhost4.localdomain4", "localhost6.localdomain6", "ipv6-localhost",
          "ipv6-loopback", "localdomain",
          "broadcasthost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
          "kubernetes.default.svc.cluster.local", "instance-data", "instance-data.ec2.internal",
          "metadata", "localtest.me", "lvh.me", "vcap.me", "lacolhost.com", "0", "host.docker.internal",
          "gateway.docker.internal");
  private static final WordTable METADATA_NAMES =
      new WordTable(
          "metadata.google.internal", "metadata.goog", "metadata", "instance-data",
          "instance-data.ec2.internal", "metadata.azure.com", "metadata.tencentyun.com",
          "100.100.100.200");
  private static final String[] INTERNAL_SUFFIXES = {
    ".localhost", ".local", ".internal", ".intranet", ".corp", ".lan", ".home.arpa", ".cluster.local",
    ".svc", ".localdomain", ".localtest.me", ".lvh.me"
  };
  /** Wildcard DNS services that resolve a name to the IP written in it. */
  private static final String[] IP_ECHO_SUFFIXES = {".nip.io", ".sslip.io", ".xip.io", ".traefik.me", ".local.gd"};

  private HostAddresses() {}

  /** Classifies a host as written in a URL's authority (brackets, trailing dot and case allowed). */
  public static HostClass classify(String host) {
    if (host == null || host.isEmpty()) {
      return HostClass.NAME;
    }
    String h = host.trim();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty()) {
      return HostClass.NAME;
    }
    long v4 = parseIpv4(h);
    if (v4 >= 0) {
      return classifyIpv4(v4);
    }
    if (h.indexOf(':') >= 0) {
      int[] v6 = parseIpv6(h);
      if (v6 != null) {
        return classifyIpv6(v6);
      }
      return HostClass.NAME;
    }
    String lower = h.toLowerCase(Locale.ROOT);
    if (METADATA_NAMES.find(lower) != null) {
      return HostClass.METADATA;
    }
    if (isLocalhostName(lower)) {
      return HostClass.LOOPBACK;
    }
    if (INTERNAL_NAMES.find(lower) != null) {
      return HostClass.INTERNAL_NAME;
    }
    for (String suffix : INTERNAL_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return HostClass.INTERNAL_NAME;
      }
    }
    for (String suffix : IP_ECHO_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        HostClass echoed = echoedAddress(lower.substring(0, lower.length() - suffix.length()));
        if (echoed != null && echoed.isInternal()) {
          return echoed;
        }
      }
    }
    return HostClass.NAME;
  }

  /** localhost and the names /etc/hosts gives the loopback address. */
  private static boolean isLocalhostName(String lower) {
    return lower.equals("localhost") || lower.endsWith(".localhost")
        || lower.startsWith("localhost") && lower.length() <= 24
        && (lower.startsWith("localhost4") || lower.startsWith("localhost6") || lower.startsWith("localhost."))
        || lower.startsWith("ip6-local") || lower.startsWith("ip6-loop") || lower.startsWith("ipv6-local")
        || lower.startsWith("ipv6-loop");
  }

  /**
   * The class of the IPv4 address a nip.io-style name spells ({@code 127.0.0.1.nip.io},
   * {@code app-10-0-0-1.sslip.io}).
   */
  private static HostClass echoedAddress(String prefix) {
    String dotted = prefix.replace('-', '.');
    // the address is the last four dotted parts
    String[] parts = dotted.split("\\.");
    if (parts.length < 4) {
      return null;
    }
    String candidate = String.join(".", parts[parts.length - 4], parts[parts.length - 3], parts[parts.length - 2],
        parts[parts.length - 1]);
    long v4 = parseIpv4(candidate);
    return v4 < 0 ? null : classifyIpv4(v4);
  }

  /** Whether connecting to this host would reach the server's own network. */
  public static boolean isInternal(String host) {
    return classify(host).isInternal();
  }

  /**
   * The IPv4 address {@code host} spells as an unsigned 32-bit value, or -1 when it is no IPv4
   * address in any spelling {@code inet_aton} accepts.
   */
  public static long parseIpv4(String host) {
    int n = host.length();
    if (n == 0 || n > 64) {
      return -1;
    }
    long[] parts = new long[4];
    int count = 0;
    int i = 0;
    while (true) {
      if (count == 4 || i >= n) {
        return -1;
      }
      int start = i;
      int radix = 10;
      if (host.charAt(i) == '0' && i + 1 < n && (host.charAt(i + 1) == 'x' || host.charAt(i + 1) == 'X')) {
        radix = 16;
        i += 2;
        start = i;
      } else if (host.charAt(i) == '0' && i + 1 < n && host.charAt(i + 1) != '.') {
        radix = 8;
      }
      long value = 0;
      while (i < n && host.charAt(i) != '.') {
        int d = Character.digit(host.charAt(i), radix);
        if (d < 0 || host.charAt(i) > 0x7f) {
          return -1;
        }
        value = value * radix + d;
        if (value > 0xffffffffL) {
          return -1;
        }
        i++;
      }
      if (i == start && radix != 16) {
        return -1;
      }
      parts[count++] = value;
      if (i >= n) {
        break;
      }
      i++; // '.'
      if (i >= n) {
        return -1; // trailing dot is stripped by classify; here it is no address
      }
    }
    long address = 0;
    for (int k = 0; k < count - 1; k++) {
      if (parts[k] > 0xff) {
        return -1;
      }
      address = (address << 8) | parts[k];
    }
    int lastBytes = 5 - count;
    long last = parts[count - 1];
    if (last >= (1L << (8 * lastBytes))) {
      return -1;
    }
    return (address << (8 * lastBytes)) | last;
  }

  /** The eight 16-bit groups of an IPv6 address (zone and brackets allowed), or {@code null}. */
  public static int[] parseIpv6(String host) {
    String h = host;
    int zone = h.indexOf('%');
    if (zone >= 0) {
      h = h.substring(0, zone);
    }
    if (h.length() < 2 || h.length() > 64) {
      return null;
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    int n = h.length();
    if (h.startsWith("::")) {
      gap = 0;
      i = 2;
      if (i == n) {
        return groups;
      }
    } else if (h.charAt(0) == ':') {
      return null;
    }
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && h.charAt(i) != ':' && h.charAt(i) != '.') {
        int d = Character.digit(h.charAt(i), 16);
        if (d < 0 || i - start >= 4) {
          return null;
        }
        value = (value << 4) | d;
        i++;
      }
      if (i < n && h.charAt(i) == '.') {
        // embedded IPv4 tail
        long v4 = parseDottedQuad(h.substring(start));
        if (v4 < 0 || count > 6) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xffff);
        i = n;
        break;
      }
      if (i == start) {
        return null;
      }
      if (count == 8) {
        return null;
      }
      groups[count++] = value;
      if (i == n) {
        break;
      }
      i++; // ':'
      if (i < n && h.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null;
      }
    }
    if (gap < 0) {
      return count == 8 ? groups : null;
    }
    if (count >= 8) {
      return null;
    }
    int[] out = new int[8];
    int tail = count - gap;
    System.arraycopy(groups, 0, out, 0, gap);
    System.arraycopy(groups, gap, out, 8 - tail, tail);
    return out;
  }

  private static long parseDottedQuad(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3) {
        return -1;
      }
      int x;
      try {
        x = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        return -1;
      }
      if (x > 255) {
        return -1;
      }
      v = (v << 8) | x;
    }
    return v;
  }

  public static HostClass classifyIpv4(long a) {
    int b0 = (int) (a >>> 24);
    int b1 = (int) ((a >>> 16) & 0xff);
    if (a == 0xa9fea9feL || a == 0x64646c8L /* 100.100.100.200 Alibaba */) {
      return HostClass.METADATA;
    }
    if (a == 0) {
      return HostClass.UNSPECIFIED;
    }
    if (b0 == 127) {
      return HostClass.LOOPBACK;
    }
    if (b0 == 0) {
      return HostClass.UNSPECIFIED; // 0.0.0.0/8 "this network": Linux connects it locally
    }
    if (b0 == 10 || b0 == 172 && b1 >= 16 && b1 <= 31 || b0 == 192 && b1 == 168) {
      return HostClass.PRIVATE;
    }
    if (b0 == 169 && b1 == 254) {
      return HostClass.LINK_LOCAL;
    }
    if (b0 == 100 && b1 >= 64 && b1 <= 127) {
      return HostClass.SHARED;
    }
    if (b0 == 192 && b1 == 0 && ((a >>> 8) & 0xff) == 0) {
      return HostClass.PRIVATE; // 192.0.0.0/24 IETF protocol assignments
    }
    if (b0 == 198 && (b1 == 18 || b1 == 19)) {
      return HostClass.PRIVATE; // benchmarking, often internal
    }
    if (b0 >= 224) {
      return HostClass.PRIVATE; // multicast, reserved, broadcast: never a public web server
    }
    return HostClass.PUBLIC;
  }

  public static HostClass classifyIpv6(int[] g) {
    boolean zeroPrefix = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
    if (zeroPrefix && (g[5] == 0xffff || g[5] == 0) && !(g[5] == 0 && g[6] == 0 && g[7] <= 1)) {
      // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d
      return classifyIpv4(((long) g[6] << 16) | g[7]);
    }
    if (zeroPrefix && g[5] == 0 && g[6] == 0) {
      return g[7] == 1 ? HostClass.LOOPBACK : g[7] == 0 ? HostClass.UNSPECIFIED : HostClass.PRIVATE;
    }
    if (g[0] == 0x64 && g[1] == 0xff9b && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0) {
      return classifyIpv4(((long) g[6] << 16) | g[7]); // NAT64 64:ff9b::a.b.c.d
    }
    if (g[0] == 0xfd00 && g[1] == 0x0ec2) {
      return HostClass.METADATA; // AWS fd00:ec2::254
    }
    if ((g[0] & 0xfe00) == 0xfc00) {
      return HostClass.PRIVATE; // fc00::/7 unique local (fd00::/8 included)
    }
    if ((g[0] & 0xffc0) == 0xfe80) {
      return HostClass.LINK_LOCAL;
    }
    if ((g[0] & 0xffc0) == 0xfec0) {
      return HostClass.PRIVATE; // deprecated site-local
    }
    if ((g[0] & 0xff00) == 0xff00) {
      return HostClass.PRIVATE; // multicast
    }
    if (g[0] == 0x2002) {
      return classifyIpv4(((long) g[1] << 16) | g[2]); // 6to4 embeds an IPv4 address
    }
    return HostClass.PUBLIC;
  }

  /** Whether the host is an IP address written in a spelling other than plain dotted decimal. */
  public static boolean isOddIpv4Spelling(String host) {
    if (parseIpv4(host) < 0) {
      return false;
    }
    if (parseDottedQuad(host) < 0) {
      return true;
    }
    for (int i = 0; i + 1 < host.length(); i++) {
      if (host.charAt(i) == '0' && (i == 0 || host.charAt(i - 1) == '.') && host.charAt(i + 1) != '.') {
        return true; // a leading zero: octal to inet_aton
      }
    }
    return false;
  }
}
