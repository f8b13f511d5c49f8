package dev.mcprisk.crawler.mcp;

import java.util.Objects;
import java.util.Set;

/**
 * How {@link McpProbe} may crawl.
 *
 * @param limits every bound of the crawl; never null
 * @param allowPrivateNetwork allow HTTP targets (and redirects, SSE endpoints) on loopback,
 *     private, link-local, unique-local, CGNAT and multicast addresses ({@code
 *     --allow-private-network}); default false
 * @param noSandbox run a stdio server without bubblewrap, as this user with network access ({@code
 *     --no-sandbox}, unsafe); default false: without working bubblewrap a stdio probe is {@code
 *     BLOCKED}
 * @param allowedHosts host names allowed whatever they resolve to (exact, case-insensitive); empty
 *     by default
 * @param clientCapabilities the capabilities announced to the server ({@code
 *     --client-capabilities}); default {@link ClientCapabilities#full()}; never null
 */
public record ProbeOptions(
    CrawlLimits limits,
    boolean allowPrivateNetwork,
    boolean noSandbox,
    Set<String> allowedHosts,
    ClientCapabilities clientCapabilities) {

  public ProbeOptions {
    Objects.requireNonNull(limits, "limits == null");
    allowedHosts = Set.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts == null"));
    Objects.requireNonNull(clientCapabilities, "clientCapabilities == null");
  }

  /** These options announcing every client capability ({@link ClientCapabilities#full()}). */
  public ProbeOptions(
      CrawlLimits limits,
      boolean allowPrivateNetwork,
      boolean noSandbox,
      Set<String> allowedHosts) {
    this(limits, allowPrivateNetwork, noSandbox, allowedHosts, ClientCapabilities.full());
  }

  /**
   * {@link CrawlLimits#defaults()}, public addresses only, sandbox required, every client
   * capability announced.
   */
  public static ProbeOptions defaults() {
    return new ProbeOptions(CrawlLimits.defaults(), false, false, Set.of());
  }

  /** These options announcing {@code capabilities}. */
  public ProbeOptions withClientCapabilities(ClientCapabilities capabilities) {
    return new ProbeOptions(limits, allowPrivateNetwork, noSandbox, allowedHosts, capabilities);
  }

  /** These options with {@code limits}. */
  public ProbeOptions withLimits(CrawlLimits limits) {
    return new ProbeOptions(
        limits, allowPrivateNetwork, noSandbox, allowedHosts, clientCapabilities);
  }

  /** These options with private networks allowed or not. */
  public ProbeOptions withAllowPrivateNetwork(boolean allow) {
    return new ProbeOptions(limits, allow, noSandbox, allowedHosts, clientCapabilities);
  }

  /** These options with the sandbox required or not. */
  public ProbeOptions withNoSandbox(boolean none) {
    return new ProbeOptions(limits, allowPrivateNetwork, none, allowedHosts, clientCapabilities);
  }

  /** These options with {@code hosts} allowed whatever they resolve to. */
  public ProbeOptions withAllowedHosts(Set<String> hosts) {
    return new ProbeOptions(limits, allowPrivateNetwork, noSandbox, hosts, clientCapabilities);
  }
}
