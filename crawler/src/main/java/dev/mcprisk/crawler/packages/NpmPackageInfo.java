package dev.mcprisk.crawler.packages;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the catalogue keeps of one npm package: the latest version's metadata from its packument
 * (https://github.com/npm/registry/blob/main/docs/responses/package-metadata.md; read by {@link
 * NpmPackument}).
 *
 * @param name package name; never blank
 * @param latestVersion {@code dist-tags.latest}; never blank
 * @param description may be null
 * @param keywords in package order; never null
 * @param repositoryUrl browsable repository URL ({@code https://github.com/owner/repo} for {@code
 *     git+https://github.com/owner/repo.git} or {@code github:owner/repo}); may be null
 * @param license SPDX expression or name; may be null
 * @param homepage may be null
 * @param publishedAt when the latest version was published ({@code time[latest]}); may be null
 * @param readme README text, at most {@link NpmPackument#MAX_README_BYTES} UTF-8 bytes; may be null
 * @param readmeTruncated true when the README was cut to that size
 * @param mcpName the latest version's {@code mcpName}; may be null
 * @param dependencies the latest version's {@code dependencies}, name to range, in package order
 * @param deprecated the latest version's {@code deprecated} message; null when not deprecated
 * @param tarballUrl the latest version's {@code dist.tarball} URL (its README is there when the
 *     packument has none); may be null
 * @param evidence whether it is an MCP server and why; never null
 */
public record NpmPackageInfo(
    String name,
    String latestVersion,
    String description,
    List<String> keywords,
    String repositoryUrl,
    String license,
    String homepage,
    Instant publishedAt,
    String readme,
    boolean readmeTruncated,
    String mcpName,
    Map<String, String> dependencies,
    String deprecated,
    String tarballUrl,
    McpEvidence evidence) {

  public NpmPackageInfo {
    requireText(name, "name");
    requireText(latestVersion, "latestVersion");
    keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords == null"));
    dependencies =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(dependencies, "dependencies == null")));
    Objects.requireNonNull(evidence, "evidence == null");
  }

  private static void requireText(String value, String field) {
    Objects.requireNonNull(value, field + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
  }
}
