package dev.mcprisk.crawler.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "127.8.9.10, loopback",
    "::1, loopback",
    "10.1.2.3, private",
    "172.16.0.1, private",
    "172.31.255.255, private",
    "192.168.1.1, private",
    "169.254.169.254, link-local",
    "fe80::1, link-local",
    "fc00::1, unique-local",
    "fd12:3456::1, unique-local",
    "224.0.0.1, multicast",
    "ff02::1, multicast",
    "0.0.0.0, unspecified",
    "::, unspecified",
    "100.64.0.1, CGNAT shared",
    "100.127.255.255, CGNAT shared",
    "255.255.255.255, broadcast",
    "240.0.0.1, reserved",
    "::ffff:127.0.0.1, loopback",
    "::10.0.0.1, private",
    "64:ff9b::a9fe:a9fe, link-local"
  })
  void blocksNonPublicAddresses(String address, String kind) throws UnknownHostException {
    assertEquals(kind, AddressPolicy.publicOnly().blockReason(InetAddress.getByName(address)));
    assertNull(AddressPolicy.allowAll().blockReason(InetAddress.getByName(address)));
  }

  @ParameterizedTest
  @CsvSource({"8.8.8.8", "172.32.0.1", "100.128.0.1", "1.1.1.1", "2606:4700::1111"})
  void allowsPublicAddresses(String address) throws UnknownHostException {
    assertNull(AddressPolicy.publicOnly().blockReason(InetAddress.getByName(address)));
  }

  @Test
  void theDnsRefusesAHostResolvingToLoopbackUnlessTheHostIsAllowed() throws UnknownHostException {
    BlockedAddressException e =
        assertThrows(
            BlockedAddressException.class,
            () -> AddressPolicy.publicOnly().dns().lookup("localhost"));
    assertTrue(e.getMessage().startsWith("localhost resolves to "), e.getMessage());
    assertTrue(e.getMessage().contains("loopback address"), e.getMessage());

    List<InetAddress> allowed =
        AddressPolicy.publicOnly().allowingHosts(Set.of("LOCALHOST")).dns().lookup("localhost");
    assertTrue(allowed.stream().allMatch(InetAddress::isLoopbackAddress));
  }

  @Test
  void anIpLiteralUrlIsRefusedBeforeAnyConnection() {
    assertEquals(
        "10.0.0.5, a private address; blocked unless private networks are allowed"
            + " (--allow-private-network)",
        AddressPolicy.publicOnly().check(HttpUrl.get("http://10.0.0.5:8080/mcp")));
    assertEquals(
        "::1, a loopback address; blocked unless private networks are allowed"
            + " (--allow-private-network)",
        AddressPolicy.publicOnly().check(HttpUrl.get("http://[::1]/mcp")));
    assertNull(AddressPolicy.publicOnly().check(HttpUrl.get("https://example.com/mcp")));
    assertNull(AddressPolicy.allowAll().check(HttpUrl.get("http://127.0.0.1/")));
  }
}
