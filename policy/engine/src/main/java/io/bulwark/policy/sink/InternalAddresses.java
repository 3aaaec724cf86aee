package io.bulwark.policy.sink;

import io.bulwark.policy.detect.net.HostAddresses;
import io.bulwark.policy.detect.net.HostAddresses.HostClass;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which destinations a server-side fetch must not reach on a client's say-so, in the words of
 * {@link HostAddresses} (the classification the entry-point SSRF detector uses): loopback, private,
 * link-local, unique-local, shared, unspecified, cloud metadata, in every spelling it reads
 * ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code [::ffff:127.0.0.1]}). What the
 * sink adds is resolution: a name is judged by the addresses the JVM's resolver (and its cache)
 * gives it, not by how it looks.
 */
final class InternalAddresses {

  private InternalAddresses() {}

  /**
   * What is internal about {@code host} (a name or address literal, brackets allowed): {@code
   * metadata}, {@code loopback}, {@code private}, {@code link-local}, ...; {@code null} when it is
   * public. Names are resolved when {@code resolve} is set.
   */
  static String classifyHost(String host, boolean resolve) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    HostClass written = HostAddresses.classify(host);
    if (written != HostClass.NAME && written != HostClass.INTERNAL_NAME) {
      return label(written); // an address literal, localhost, a metadata name
    }
    if (!resolve) {
      return null;
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    try {
      for (InetAddress address : InetAddress.getAllByName(name)) {
        String internal = classify(address);
        if (internal != null) {
          return internal;
        }
      }
    } catch (UnknownHostException | SecurityException | IllegalArgumentException e) {
      return null; // the connection will fail as well
    }
    return null;
  }

  /** What is internal about a resolved address, or {@code null} when it is public. */
  static String classify(InetAddress address) {
    if (address == null) {
      return null;
    }
    byte[] a = address.getAddress();
    if (address instanceof Inet4Address) {
      long v4 = ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
      return label(HostAddresses.classifyIpv4(v4));
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    return label(HostAddresses.classifyIpv6(groups));
  }

  /** Whether {@code host} is written as an IP address (IPv4 in any spelling, or bracketed IPv6). */
  static boolean isAddressLiteral(String host) {
    return host.startsWith("[") || HostAddresses.parseIpv4(host) >= 0;
  }

  private static String label(HostClass type) {
    switch (type) {
      case LOOPBACK:
        return "loopback";
      case PRIVATE:
        return "private";
      case LINK_LOCAL:
        return "link-local";
      case SHARED:
        return "shared";
      case METADATA:
        return "metadata";
      case UNSPECIFIED:
        return "unspecified";
      default:
        return null;
    }
  }
}
