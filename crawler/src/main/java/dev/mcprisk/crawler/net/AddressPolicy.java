package dev.mcprisk.crawler.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Which network addresses a crawl may connect to. By default only public unicast addresses: a
 * server URL, a redirect or an HTTP+SSE endpoint that leads to this machine or its private network
 * is refused (SSRF). Blocked, unless private networks are allowed: loopback (127/8, ::1), private
 * (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10), unique-local (fc00::/7),
 * site-local (fec0::/10), multicast, unspecified (0/8, ::), CGNAT shared space (100.64/10), IPv4
 * broadcast and reserved (240/4); IPv4 addresses embedded in IPv6 (IPv4-compatible, NAT64
 * 64:ff9b::/96) are judged by their IPv4 part (RFC 6890 special-purpose registries).
 *
 * <p>Enforced where the connection is made, so there is no gap for DNS rebinding: {@link #dns()}
 * checks every address a host resolves to and OkHttp connects only to those; {@link
 * #connectionCheck()} checks the connected socket's address again (it also covers IP-literal URLs);
 * {@link #check(HttpUrl)} rejects an IP-literal URL before any connection.
 *
 * <p>Immutable and thread-safe.
 */
public final class AddressPolicy {

  private final boolean allowPrivate;
  private final Set<String> allowedHosts;
  private final Dns resolver;

  private AddressPolicy(boolean allowPrivate, Set<String> allowedHosts, Dns resolver) {
    this.allowPrivate = allowPrivate;
    this.allowedHosts = allowedHosts;
    this.resolver = resolver;
  }

  /** Public addresses only (the default). */
  public static AddressPolicy publicOnly() {
    return new AddressPolicy(false, Set.of(), Dns.SYSTEM);
  }

  /** Every address, private networks included ({@code --allow-private-network}). */
  public static AddressPolicy allowAll() {
    return new AddressPolicy(true, Set.of(), Dns.SYSTEM);
  }

  /**
   * This policy, but with {@code hosts} (exact host names as in URLs, case-insensitive) allowed
   * whatever they resolve to: for one trusted internal server without opening every private
   * address.
   */
  public AddressPolicy allowingHosts(Set<String> hosts) {
    Objects.requireNonNull(hosts, "hosts == null");
    return new AddressPolicy(
        allowPrivate,
        hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
        resolver);
  }

  /** True when private networks are allowed. */
  public boolean allowsPrivateNetwork() {
    return allowPrivate;
  }

  /**
   * Why {@code address} is not allowed, e.g. {@code loopback}; null when it is.
   *
   * @param address any address; never null
   */
  public String blockReason(InetAddress address) {
    Objects.requireNonNull(address, "address == null");
    return allowPrivate ? null : kind(address);
  }

  /**
   * Rejects a URL whose host is an IP literal this policy forbids, before any connection.
   *
   * @return null when allowed (or when the host is a name, checked at resolution), else the reason
   */
  public String check(HttpUrl url) {
    String host = url.host();
    if (allowPrivate || allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
      return null;
    }
    if (!looksLiteral(host)) {
      return null;
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      String kind = kind(address);
      return kind == null ? null : blocked(host, address, kind);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An OkHttp {@link Dns} that resolves with the system resolver and refuses forbidden results. */
  public Dns dns() {
    return host -> {
      List<InetAddress> addresses = resolver.lookup(host);
      if (allowPrivate || allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
        return addresses;
      }
      for (InetAddress address : addresses) {
        String kind = kind(address);
        if (kind != null) {
          throw new BlockedAddressException(blocked(host, address, kind));
        }
      }
      return addresses;
    };
  }

  /**
   * An OkHttp network interceptor that refuses a request on a connection to a forbidden address.
   */
  public Interceptor connectionCheck() {
    return chain -> {
      Connection connection = chain.connection();
      String host = chain.request().url().host();
      if (connection != null
          && !allowPrivate
          && !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
        InetAddress address = connection.route().socketAddress().getAddress();
        String kind = address == null ? null : kind(address);
        if (kind != null) {
          throw new BlockedAddressException(blocked(host, address, kind));
        }
      }
      Response response = chain.proceed(chain.request());
      return response;
    };
  }

  private static String blocked(String host, InetAddress address, String kind) {
    String ip = address.getHostAddress();
    return (looksLiteral(host) ? host : host + " resolves to " + ip)
        + ", a "
        + kind
        + " address; blocked unless private networks are allowed (--allow-private-network)";
  }

  private static boolean looksLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /** The kind of a forbidden address, or null for a public unicast one. */
  static String kind(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      if (embedsIpv4(b)) {
        try {
          return kind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (IOException e) {
          return "malformed";
        }
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "unique-local";
      }
    }
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isLinkLocalAddress()) {
      return "link-local";
    }
    if (address.isSiteLocalAddress()) {
      return address instanceof Inet4Address ? "private" : "site-local";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return "unspecified";
      }
      if (first == 100 && (second & 0xc0) == 64) {
        return "CGNAT shared";
      }
      if (first >= 240) {
        return first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255
            ? "broadcast"
            : "reserved";
      }
    }
    return null;
  }

  /** IPv4-compatible (::a.b.c.d, not :: or ::1) or NAT64 (64:ff9b::/96). */
  private static boolean embedsIpv4(byte[] b) {
    boolean zeroPrefix = true;
    for (int i = 0; i < 12; i++) {
      zeroPrefix &= b[i] == 0;
    }
    if (zeroPrefix) {
      return (b[12] | b[13] | b[14]) != 0 || (b[15] & 0xff) > 1;
    }
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = b[i] == 0;
    }
    return nat64;
  }
}
