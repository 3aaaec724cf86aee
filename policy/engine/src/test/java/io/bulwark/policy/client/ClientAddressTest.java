package io.bulwark.policy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.model.IpRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private static final ClientSettings PROXIES = new ClientSettings(
      List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8:ffff::/48")), "X-Forwarded-For");
  private static final ClientSettings FORWARDED = new ClientSettings(List.of(IpRange.parse("10.0.0.0/8")), "Forwarded");

  private static String resolve(ClientSettings settings, String peer, String header, String... values) {
    return ClientAddress.of(settings, new Request(peer).with(header, values));
  }

  @Test
  void withoutTrustedProxiesTheHeadersAreNeverRead() {
    Request request = new Request("203.0.113.9").with("X-Forwarded-For", "198.51.100.1");
    assertEquals("203.0.113.9", ClientAddress.of(ClientSettings.NONE, request));
    assertEquals(List.of(), request.asked, "not even looked at");
  }

  @Test
  void aPeerThatIsNotATrustedProxyIsTheClientWhateverItSends() {
    assertEquals("203.0.113.9", resolve(PROXIES, "203.0.113.9", "X-Forwarded-For", "198.51.100.1"));
    assertEquals("203.0.113.9", resolve(PROXIES, "203.0.113.9", "X-Forwarded-For", "10.0.0.1"),
        "claiming to be a proxy does not make it one");
  }

  @Test
  void behindTrustedProxiesTheRightmostAddressThatIsNotAProxyIsTheClient() {
    assertEquals("198.51.100.9", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "6.6.6.6, 198.51.100.9, 10.0.0.3"));
    assertEquals("198.51.100.9", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "6.6.6.6", "198.51.100.9, 10.0.0.3"),
        "several header lines are one list");
    assertEquals("10.0.0.7", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "10.0.0.7, 10.0.0.3"),
        "all proxies: the leftmost");
    assertEquals("10.1.1.1", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For"), "no header: the proxy itself");
  }

  @Test
  void ports_brackets_ipv6AndMappedAddressesAreRead() {
    assertEquals("198.51.100.9", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "198.51.100.9:5123"));
    assertEquals("2001:db8::1", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "[2001:DB8:0::1]:443"));
    assertEquals("2001:db8::1", resolve(PROXIES, "2001:db8:ffff::2", "X-Forwarded-For", "2001:db8::1"));
    assertEquals("198.51.100.9", resolve(PROXIES, "::ffff:10.0.0.5", "X-Forwarded-For", "198.51.100.9"),
        "an IPv4-mapped peer is the IPv4 proxy");
    assertEquals("10.0.0.5", resolve(ClientSettings.NONE, "0:0:0:0:0:ffff:a00:5", "X-Forwarded-For"));
  }

  @Test
  void aHopThatIsNotAnAddressStopsAtTheLastAddressVouchedFor() {
    assertEquals("10.0.0.3", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "198.51.100.9, unknown, 10.0.0.3"));
    assertEquals("10.1.1.1", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "evil.example.com"));
    assertEquals("10.1.1.1", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "198.51.100.0/24"), "no ranges");
    assertEquals("10.1.1.1", resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", "0x7f.1"), "no shortened forms");
  }

  @Test
  void forwardedIsReadByItsForParameters() {
    assertEquals("198.51.100.9", resolve(FORWARDED, "10.1.1.1", "Forwarded",
        "for=6.6.6.6, for=198.51.100.9;proto=https;by=10.0.0.3"));
    assertEquals("2001:db8:cafe::17", resolve(FORWARDED, "10.1.1.1", "Forwarded",
        "For=\"[2001:db8:cafe::17]:4711\""));
    assertEquals("10.1.1.1", resolve(FORWARDED, "10.1.1.1", "Forwarded", "for=_hidden"), "obfuscated: the proxy");
    assertEquals("10.1.1.1", resolve(FORWARDED, "10.1.1.1", "X-Forwarded-For", "198.51.100.9"),
        "only the configured header is read");
  }

  @Test
  void aLongChainStopsAfterMaxHops() {
    StringBuilder chain = new StringBuilder("198.51.100.9");
    for (int i = 0; i < 40; i++) {
      chain.append(", 10.0.0.").append(i);
    }
    String client = resolve(PROXIES, "10.1.1.1", "X-Forwarded-For", chain.toString());
    assertTrue(client.startsWith("10.0.0."), client);
  }

  @Test
  void ipv6ClientsAreLimitedByTheirSlash64() {
    assertEquals("2001:db8:1:2::/64", ClientAddress.limitKey("2001:db8:1:2:aaaa::1"));
    assertEquals(ClientAddress.limitKey("2001:db8:1:2::1"), ClientAddress.limitKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    assertEquals("203.0.113.9", ClientAddress.limitKey("203.0.113.9"));
  }

  @Test
  void plainIpv4IsRecognisedWithoutParsing() {
    assertTrue(ClientAddress.isPlainIpv4("203.0.113.9"));
    assertTrue(ClientAddress.isPlainIpv4("0.0.0.0"));
    assertFalse(ClientAddress.isPlainIpv4("256.1.1.1"));
    assertFalse(ClientAddress.isPlainIpv4("01.1.1.1"));
    assertFalse(ClientAddress.isPlainIpv4("1.1.1"));
    assertFalse(ClientAddress.isPlainIpv4("1.1.1.1.1"));
    assertFalse(ClientAddress.isPlainIpv4("1..1.1"));
  }

  /** A request with a peer and headers, recording which headers were asked for. */
  private static final class Request implements RequestView {
    private final String peer;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();

    Request(String peer) {
      this.peer = peer;
    }

    Request with(String name, String... values) {
      headers.put(name.toLowerCase(Locale.ROOT), List.of(values));
      return this;
    }

    @Override public String method() { return "GET"; }
    @Override public String rawPath() { return "/"; }
    @Override public String containerPath() { return null; }
    @Override public String rawQuery() { return null; }
    @Override public String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(0);
    }
    @Override public List<String> headers(String name) {
      asked.add(name);
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
    @Override public String remoteAddress() { return peer; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}
  }
}
