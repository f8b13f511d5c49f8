package dev.mcprisk.bench;

import java.time.Instant;
import java.util.Objects;

/**
 * The registry facts of one synthetic server in one {@link SyntheticCatalogue} generation (its
 * tools are materialised on demand by {@link SyntheticCatalogue#tools(int)}).
 *
 * @param index the server's number {@code n}, 0-based; its name holds {@code synth-<n>} and its
 *     endpoint is {@code <fleetBase>/mcp/<n>}
 * @param name reverse-DNS server name {@code io.github.synth-<n>/<word>-mcp}; never blank
 * @param description server.json {@code description}, 1 to 100 chars
 * @param version semantic version; its patch grows by one per change
 * @param repositoryUrl the GitHub URL in server.json {@code repository.url}
 * @param publishedAt when the first version was published (registry {@code _meta})
 * @param updatedAt when the entry last changed, never before {@code publishedAt}
 * @param revision how many times the server changed since generation 0
 * @param toolCount how many tools its {@code tools/list} holds, at least 1
 */
public record SyntheticServer(
    int index,
    String name,
    String description,
    String version,
    String repositoryUrl,
    Instant publishedAt,
    Instant updatedAt,
    int revision,
    int toolCount) {

  public SyntheticServer {
    if (index < 0) {
      throw new IllegalArgumentException("index < 0: " + index);
    }
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(repositoryUrl, "repositoryUrl == null");
    Objects.requireNonNull(publishedAt, "publishedAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
    if (updatedAt.isBefore(publishedAt)) {
      throw new IllegalArgumentException("updatedAt before publishedAt");
    }
    if (revision < 0 || toolCount < 1) {
      throw new IllegalArgumentException("revision < 0 or toolCount < 1");
    }
  }
}
