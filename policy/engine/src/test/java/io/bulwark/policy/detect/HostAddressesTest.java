package io.bulwark.policy.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bulwark.policy.detect.net.HostAddresses;
import io.bulwark.policy.detect.net.HostAddresses.HostClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAddressesTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "127.1, LOOPBACK",
    "2130706433, LOOPBACK",
    "0x7f000001, LOOPBACK",
    "0x7f.0.0.1, LOOPBACK",
    "0177.0.0.1, LOOPBACK",
    "017700000001, LOOPBACK",
    "[::1], LOOPBACK",
    "::ffff:127.0.0.1, LOOPBACK",
    "[::ffff:7f00:1], LOOPBACK",
    "0.0.0.0, UNSPECIFIED",
    "0, UNSPECIFIED",
    "[::], UNSPECIFIED",
    "10.1.2.3, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "[fd00::1], PRIVATE",
    "[fc00::1], PRIVATE",
    "169.254.1.1, LINK_LOCAL",
    "[fe80::1%eth0], LINK_LOCAL",
    "100.64.0.1, SHARED",
    "169.254.169.254, METADATA",
    "0xa9fea9fe, METADATA",
    "2852039166, METADATA",
    "[fd00:ec2::254], METADATA",
    "metadata.google.internal, METADATA",
    "METADATA.GOOGLE.INTERNAL., METADATA",
    "localhost, LOOPBACK",
    "LocalHost., LOOPBACK",
    "app.localhost, LOOPBACK",
    "ip6-loopback, LOOPBACK",
    "db.internal, INTERNAL_NAME",
    "kubernetes.default.svc.cluster.local, INTERNAL_NAME",
    "127.0.0.1.nip.io, LOOPBACK",
    "10-0-0-1.sslip.io, PRIVATE",
    "8.8.8.8, PUBLIC",
    "172.32.0.1, PUBLIC",
    "[2001:db8::1], PUBLIC",
    "[2606:4700::1111], PUBLIC",
    "example.com, NAME",
    "8.8.8.8.nip.io, NAME",
    "1.2.3.4.5, NAME",
    "256.1.1.1, NAME",
  })
  void classifies(String host, HostClass expected) {
    assertEquals(expected, HostAddresses.classify(host));
  }

  @Test
  void readsIpv4AsInetAtonDoes() {
    assertEquals(0x7f000001L, HostAddresses.parseIpv4("127.1"));
    assertEquals(0x7f000001L, HostAddresses.parseIpv4("127.0.1"));
    assertEquals(0x0a000001L, HostAddresses.parseIpv4("012.0.0.01"));
    assertEquals(-1, HostAddresses.parseIpv4("08.0.0.1")); // 8 is no octal digit
    assertEquals(-1, HostAddresses.parseIpv4("1.2.3."));
    assertEquals(-1, HostAddresses.parseIpv4("4294967296"));
  }

  @Test
  void readsIpv6WithEmbeddedIpv4AndGaps() {
    int[] groups = HostAddresses.parseIpv6("::ffff:10.0.0.1");
    assertEquals(0xffff, groups[5]);
    assertEquals(0x0a00, groups[6]);
    assertEquals(1, groups[7]);
    assertNull(HostAddresses.parseIpv6("1::2::3"));
    assertNull(HostAddresses.parseIpv6("12345::1"));
    assertNull(HostAddresses.parseIpv6("1:2:3:4:5:6:7:8:9"));
  }
}
