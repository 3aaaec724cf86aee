package io.bulwark.policy.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single
 * address. Parsing is strict: no host names, wildcards, ranges or shortened IPv4 forms, and no host
 * bits after the prefix ({@code 10.0.0.1/8} is refused: it would be read as one address by some
 * tools and as the whole network by others).
 */
public final class IpRange {

  private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
      .allowEmpty(false)
      .allowAll(false)
      .allowSingleSegment(false)
      .allowPrefixOnly(false)
      .allowMask(false)
      .allowWildcardedSeparator(false)
      .setRangeOptions(RangeParameters.NO_RANGE)
      .allow_inet_aton(false)
      .toParams();

  private final String text;
  private final IPAddress block;

  private IpRange(String text, IPAddress block) {
    this.text = text;
    this.block = block;
  }

  /**
   * Parses a CIDR block or a single address.
   *
   * @throws IllegalArgumentException with a message that says what was expected
   */
  public static IpRange parse(String text) {
    IPAddress address;
    try {
      address = new IPAddressString(text.trim(), STRICT).toAddress();
    } catch (AddressStringException | RuntimeException e) {
      throw new IllegalArgumentException("expected an IP address or a CIDR block such as 10.0.0.0/8 or"
          + " 2001:db8::/32 but found '" + text + "'");
    }
    if (address.isPrefixed() && !address.isPrefixBlock()) {
      throw new IllegalArgumentException("'" + text + "' has bits set after the /"
          + address.getNetworkPrefixLength() + " prefix; expected the network address, e.g. "
          + address.toPrefixBlock().toCanonicalString());
    }
    return new IpRange(text.trim(), address.isPrefixed() ? address : address.toPrefixBlock());
  }

  /** Whether {@code address} (an IP address as text, e.g. a peer address) is in this range. */
  public boolean contains(String address) {
    if (address == null) {
      return false;
    }
    IPAddress candidate = new IPAddressString(address.trim(), STRICT).getAddress();
    return candidate != null && block.contains(candidate);
  }

  /** Whether {@code address} is in this range; an IPv4 range also holds the IPv4-mapped IPv6 form. */
  public boolean containsAddress(IPAddress address) {
    if (block.contains(address)) {
      return true;
    }
    return address.isIPv6() && block.isIPv4() && address.isIPv4Convertible() && block.contains(address.toIPv4());
  }

  /**
   * One address (no prefix, range or host name), parsed as strictly as ranges are; {@code null}
   * when {@code text} is not one.
   */
  public static IPAddress address(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    IPAddress address = new IPAddressString(text, STRICT).getAddress();
    return address == null || address.isPrefixed() ? null : address;
  }

  @Override
  public String toString() {
    return text;
  }
}
