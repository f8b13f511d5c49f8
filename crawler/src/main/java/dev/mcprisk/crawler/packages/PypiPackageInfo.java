package dev.mcprisk.crawler.packages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the catalogue keeps of one PyPI project: the {@code info} object of the PyPI JSON API
 * (https://docs.pypi.org/api/json/; read by {@link PypiJson}).
 *
 * @param name project name as PyPI spells it; never blank
 * @param version the latest release; never blank
 * @param summary one-line summary; may be null
 * @param description the long description (usually the README), at most {@link
 *     PypiJson#MAX_DESCRIPTION_BYTES} UTF-8 bytes; may be null
 * @param descriptionTruncated true when the description was cut to that size
 * @param descriptionContentType e.g. {@code text/markdown}; may be null
 * @param keywords split from the {@code keywords} string; never null
 * @param classifiers trove classifiers; never null
 * @param projectUrls label to URL, in document order; never null
 * @param requiresDist PEP 508 requirement strings; never null
 * @param license {@code license_expression} when given, else {@code license} cut to {@link
 *     PypiJson#MAX_LICENSE_CHARS} characters; may be null
 * @param homePage {@code home_page}; may be null
 * @param mcpName the server name of an {@code mcp-name: <server name>} line in the description; may
 *     be null
 * @param evidence whether it is an MCP server and why; never null
 */
public record PypiPackageInfo(
    String name,
    String version,
    String summary,
    String description,
    boolean descriptionTruncated,
    String descriptionContentType,
    List<String> keywords,
    List<String> classifiers,
    Map<String, String> projectUrls,
    List<String> requiresDist,
    String license,
    String homePage,
    String mcpName,
    McpEvidence evidence) {

  public PypiPackageInfo {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(version, "version == null");
    if (name.isBlank() || version.isBlank()) {
      throw new IllegalArgumentException("name or version is blank");
    }
    keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords == null"));
    classifiers = List.copyOf(Objects.requireNonNull(classifiers, "classifiers == null"));
    projectUrls =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(projectUrls, "projectUrls == null")));
    requiresDist = List.copyOf(Objects.requireNonNull(requiresDist, "requiresDist == null"));
    Objects.requireNonNull(evidence, "evidence == null");
  }
}
