package io.bulwark.policy.client;

import io.bulwark.policy.model.IpRange;
import java.util.List;

/**
 * {@code clients:}: how the client's address is found. Without trusted proxies it is the socket's
 * peer, whatever headers say. Immutable.
 */
public final class ClientSettings {

  public static final String DEFAULT_HEADER = "X-Forwarded-For";
  public static final ClientSettings NONE = new ClientSettings(List.of(), DEFAULT_HEADER);

  private final List<IpRange> trustedProxies;
  private final String header;

  /**
   * @param header the header the trusted proxies append the address they saw to: {@code
   *     X-Forwarded-For} (or another with its comma-separated format) or {@code Forwarded} (RFC 7239)
   */
  public ClientSettings(List<IpRange> trustedProxies, String header) {
    this.trustedProxies = List.copyOf(trustedProxies);
    this.header = header;
  }

  public List<IpRange> trustedProxies() {
    return trustedProxies;
  }

  public String header() {
    return header;
  }

  /** Whether the header is RFC 7239 {@code Forwarded} (its {@code for=} parameters are read). */
  public boolean forwardedSyntax() {
    return "forwarded".equalsIgnoreCase(header);
  }
}
