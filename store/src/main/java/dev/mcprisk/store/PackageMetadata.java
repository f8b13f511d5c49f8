package dev.mcprisk.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a package registry says about one package, as kept in the {@code package_metadata} table:
 * the latest npm packument or PyPI JSON, reduced.
 *
 * @param registryType {@code npm} or {@code pypi}
 * @param identifier the package name
 * @param version latest version
 * @param description npm {@code description} or PyPI {@code summary}; may be null
 * @param keywords keywords; never null
 * @param repositoryUrl source repository URL; may be null
 * @param license license; may be null
 * @param publishedAt when the latest version was published; may be null (PyPI)
 * @param readme README (npm {@code readme}, PyPI {@code description}), at most 64 KiB; may be null
 * @param mcpServer whether the package shows it is an MCP server ({@code mcpName}, {@code
 *     mcp-name:}, keywords, a dependency on the MCP SDK)
 * @param evidence the reasons for {@code mcpServer}, for a person
 * @param fetchedAt when it was read
 */
public record PackageMetadata(
    String registryType,
    String identifier,
    String version,
    String description,
    List<String> keywords,
    String repositoryUrl,
    String license,
    Instant publishedAt,
    String readme,
    boolean mcpServer,
    String evidence,
    Instant fetchedAt) {
  public PackageMetadata {
    Objects.requireNonNull(registryType, "registryType == null");
    Objects.requireNonNull(identifier, "identifier == null");
    Objects.requireNonNull(fetchedAt, "fetchedAt == null");
    keywords = List.copyOf(keywords == null ? List.of() : keywords);
    evidence = evidence == null ? "" : evidence;
  }
}
