package dev.mcprisk.bench;

import java.io.IOException;
import java.util.Objects;

/**
 * The local world of {@code mcprisk bench}: a {@link LocalRegistry} and a {@link LocalMcpFleet} on
 * 127.0.0.1 serving one {@link SyntheticCatalogue} generation; entries' remotes point at the fleet.
 * Loopback addresses are private: the crawler must be told so explicitly ({@code
 * ProbeOptions.withAllowPrivateNetwork(true)}, and no politeness delay for 127.0.0.1), nothing in
 * the crawler special-cases this world.
 *
 * <p>Thread-safe. Close it to stop both servers.
 */
public final class LocalWorld implements AutoCloseable {

  private final LocalMcpFleet fleet;
  private final LocalRegistry registry;
  private volatile SyntheticCatalogue catalogue;

  private LocalWorld(SyntheticCatalogue catalogue, LocalMcpFleet fleet, LocalRegistry registry) {
    this.catalogue = catalogue;
    this.fleet = fleet;
    this.registry = registry;
  }

  /**
   * Starts the registry and the fleet with their default thread counts ({@link
   * LocalRegistry#DEFAULT_THREADS}, {@link LocalMcpFleet#DEFAULT_THREADS}).
   *
   * @throws IOException when a port cannot be bound
   */
  public static LocalWorld start(SyntheticCatalogue catalogue) throws IOException {
    return start(catalogue, LocalRegistry.DEFAULT_THREADS, LocalMcpFleet.DEFAULT_THREADS);
  }

  /**
   * Starts the registry and the fleet.
   *
   * @param registryThreads at least 1
   * @param fleetThreads at least 1
   * @throws IOException when a port cannot be bound
   */
  public static LocalWorld start(
      SyntheticCatalogue catalogue, int registryThreads, int fleetThreads) throws IOException {
    Objects.requireNonNull(catalogue, "catalogue == null");
    LocalMcpFleet fleet = LocalMcpFleet.start(catalogue, fleetThreads);
    try {
      LocalRegistry registry = LocalRegistry.start(catalogue, fleet.baseUrl(), registryThreads);
      return new LocalWorld(catalogue, fleet, registry);
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<port>}: the registry base (list at {@code /v0.1/servers}). */
  public String registryBaseUrl() {
    return registry.baseUrl();
  }

  /** {@code http://127.0.0.1:<port>}: server {@code n} is at {@code /mcp/<n>}. */
  public String fleetBaseUrl() {
    return fleet.baseUrl();
  }

  /** The generation served now. */
  public SyntheticCatalogue catalogue() {
    return catalogue;
  }

  /**
   * Serves {@code next} (e.g. {@link SyntheticCatalogue#mutate}) from the next request on, in both
   * the registry and the fleet.
   *
   * @throws IllegalArgumentException when {@code next} has another number of servers or seed
   */
  public void switchTo(SyntheticCatalogue next) {
    Objects.requireNonNull(next, "next == null");
    if (next.servers() != catalogue.servers() || next.seed() != catalogue.seed()) {
      throw new IllegalArgumentException("not a generation of the catalogue served");
    }
    fleet.switchTo(next);
    registry.switchTo(next);
    catalogue = next;
  }

  /** The registry (request count, recorded query strings). */
  public LocalRegistry registry() {
    return registry;
  }

  /** The fleet (request counts per method, tools served). */
  public LocalMcpFleet fleet() {
    return fleet;
  }

  /** Requests the registry received. */
  public long registryRequests() {
    return registry.requests();
  }

  /** Requests the fleet received. */
  public long fleetRequests() {
    return fleet.requests();
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      fleet.close();
    }
  }
}
