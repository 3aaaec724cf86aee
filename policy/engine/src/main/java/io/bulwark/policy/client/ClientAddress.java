package io.bulwark.policy.client;

import inet.ipaddr.IPAddress;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.model.IpRange;
import java.util.List;

/**
 * Finds the address of the client that sent a request. The socket's peer, unless the peer is a
 * trusted proxy: then the proxies' header is read from the right, each proxy having appended the
 * address it saw, and the first address that is not a trusted proxy is the client. Everything left
 * of it was written by the client and is ignored, so a client cannot choose its address by sending
 * the header itself; a client that is not a trusted proxy cannot even make Bulwark read it.
 *
 * <p>The result is canonical: IPv6 in its compressed lower-case form, IPv4-mapped IPv6 as IPv4.
 */
public final class ClientAddress {

  /** Hops read from the right at most; a longer chain stops at the last proxy read. */
  static final int MAX_HOPS = 16;

  private ClientAddress() {}

  /** The client's address, or the peer address as given when even that is not an IP address. */
  public static String of(ClientSettings settings, RequestView request) {
    String peerText = request.remoteAddress();
    if (settings.trustedProxies().isEmpty()) {
      return canonical(peerText);
    }
    IPAddress peer = IpRange.address(peerText);
    if (peer == null || !trusted(settings, peer)) {
      return peer == null ? peerText : canonical(peer);
    }
    List<String> values = request.headers(settings.header());
    if (values.isEmpty()) {
      return canonical(peer);
    }
    IPAddress client = peer;
    Hops hops = new Hops(values, settings.forwardedSyntax());
    for (int read = 0; read < MAX_HOPS; read++) {
      String hop = hops.previous();
      if (hop == null) {
        break; // every address was a trusted proxy: the leftmost is the client
      }
      IPAddress address = IpRange.address(hop);
      if (address == null) {
        break; // a hop a trusted proxy did not write (obfuscated, "unknown", garbage): keep the last sure one
      }
      client = address;
      if (!trusted(settings, address)) {
        break;
      }
    }
    return canonical(client);
  }

  /** The key a per-client limit counts by: the address, or for IPv6 its /64 (one site's network). */
  public static String limitKey(String canonicalAddress) {
    if (canonicalAddress.indexOf(':') < 0) {
      return canonicalAddress;
    }
    IPAddress address = IpRange.address(canonicalAddress);
    return address == null ? canonicalAddress : address.toPrefixBlock(64).toCanonicalString();
  }

  private static boolean trusted(ClientSettings settings, IPAddress address) {
    for (IpRange range : settings.trustedProxies()) {
      if (range.containsAddress(address)) {
        return true;
      }
    }
    return false;
  }

  private static String canonical(String text) {
    if (text == null || isPlainIpv4(text)) {
      return text;
    }
    IPAddress address = IpRange.address(text);
    return address == null ? text : canonical(address);
  }

  private static String canonical(IPAddress address) {
    if (address.isIPv6() && address.isIPv4Convertible()) {
      return address.toIPv4().toCanonicalString();
    }
    return address.toCanonicalString();
  }

  /** The common case without parsing: four decimal numbers 0-255 without leading zeros. */
  static boolean isPlainIpv4(String text) {
    int length = text.length();
    if (length < 7 || length > 15) {
      return false;
    }
    int octets = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= length; i++) {
      char c = i == length ? '.' : text.charAt(i);
      if (c == '.') {
        if (digits == 0 || value > 255) {
          return false;
        }
        octets++;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        if (digits > 0 && value == 0) {
          return false; // a leading zero: octal to some readers
        }
        value = value * 10 + (c - '0');
        digits++;
      } else {
        return false;
      }
    }
    return octets == 4;
  }
}
