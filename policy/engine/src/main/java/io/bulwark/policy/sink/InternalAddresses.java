package io.bulwark.policy.sink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses a server-side fetch must not reach on a client's say-so: loopback, private,
 * link-local (the cloud metadata service lives at 169.254.169.254), unique-local, "this network"
 * and carrier-grade NAT. Host text is read the way C resolvers (and so curl, and many HTTP
 * clients) read it: {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} are all 127.0.0.1, and
 * IPv4-mapped IPv6 ({@code ::ffff:127.0.0.1}) is its IPv4 address.
 */
final class InternalAddresses {

  private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata",
      "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");

  private InternalAddresses() {}

  /**
   * What is internal about {@code host} (a name or address literal, brackets allowed): {@code
   * metadata}, {@code loopback}, {@code private}, {@code link-local}, ...; {@code null} when it is
   * public. Names are resolved with the JVM's resolver (and its cache) when {@code resolve} is set.
   */
  static String classifyHost(String host, boolean resolve) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (METADATA_NAMES.contains(h)) {
      return "metadata";
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return "loopback";
    }
    byte[] v4 = parseIpv4(h);
    if (v4 != null) {
      return classifyV4(v4);
    }
    if (h.indexOf(':') >= 0) {
      int zone = h.indexOf('%');
      try {
        return classify(InetAddress.getByName(zone < 0 ? h : h.substring(0, zone))); // a literal: no lookup
      } catch (UnknownHostException | IllegalArgumentException e) {
        return null;
      }
    }
    if (!resolve) {
      return null;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(h)) {
        String internal = classify(address);
        if (internal != null) {
          return internal;
        }
      }
    } catch (UnknownHostException | SecurityException e) {
      return null; // the connection will fail as well
    }
    return null;
  }

  static String classify(InetAddress address) {
    if (address == null) {
      return null;
    }
    if (address instanceof Inet4Address) {
      return classifyV4(address.getAddress());
    }
    byte[] a = address.getAddress();
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address.isLinkLocalAddress()) {
      return "link-local";
    }
    if ((a[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
      return "private";
    }
    if (address instanceof Inet6Address && embedsV4(a)) {
      return classifyV4(new byte[] {a[12], a[13], a[14], a[15]});
    }
    return null;
  }

  /** IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d). */
  private static boolean embedsV4(byte[] a) {
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= a[i] == 0;
    }
    if (zeroPrefix && ((a[10] == (byte) 0xff && a[11] == (byte) 0xff) || (a[10] == 0 && a[11] == 0))) {
      return true;
    }
    return a[0] == 0 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b;
  }

  static String classifyV4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    if (b0 == 169 && b1 == 254 && (a[2] & 0xff) == 169 && (a[3] & 0xff) == 254) {
      return "metadata";
    }
    if (b0 == 127) {
      return "loopback";
    }
    if (b0 == 0) {
      return "unspecified";
    }
    if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
      return "private";
    }
    if (b0 == 169 && b1 == 254) {
      return "link-local";
    }
    if (b0 == 100 && b1 >= 64 && b1 <= 127) {
      return "shared";
    }
    if (b0 == 100 && b1 == 100 && (a[2] & 0xff) == 100 && (a[3] & 0xff) == 200) {
      return "metadata"; // Alibaba Cloud
    }
    return null;
  }

  /**
   * An IPv4 address in any spelling inet_aton accepts: one to four parts, each decimal, 0x hex or
   * 0-prefixed octal, the last part filling the remaining bytes; {@code null} when not one.
   */
  static byte[] parseIpv4(String host) {
    if (host.isEmpty() || host.length() > 64) {
      return null;
    }
    long[] parts = new long[4];
    int count = 0;
    int i = 0;
    int n = host.length();
    while (i <= n) {
      if (count == 4) {
        return null;
      }
      int end = host.indexOf('.', i);
      if (end < 0) {
        end = n;
      }
      if (end == i) {
        return null;
      }
      long value = parsePart(host, i, end);
      if (value < 0) {
        return null;
      }
      parts[count++] = value;
      i = end + 1;
      if (end == n) {
        break;
      }
    }
    long address = 0;
    for (int p = 0; p < count - 1; p++) {
      if (parts[p] > 255) {
        return null;
      }
      address = (address << 8) | parts[p];
    }
    int lastBytes = 5 - count;
    long last = parts[count - 1];
    if (last >= (1L << (8 * lastBytes))) {
      return null;
    }
    address = (address << (8 * lastBytes)) | last;
    return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
  }

  private static long parsePart(String s, int from, int to) {
    int radix = 10;
    if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
      radix = 16;
      from += 2;
    } else if (to - from > 1 && s.charAt(from) == '0') {
      radix = 8;
      from += 1;
    }
    if (to - from > 11) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = Character.digit(s.charAt(i), radix);
      if (digit < 0) {
        return -1;
      }
      value = value * radix + digit;
    }
    return value;
  }
}
