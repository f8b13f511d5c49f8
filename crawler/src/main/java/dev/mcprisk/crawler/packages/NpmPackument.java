package dev.mcprisk.crawler.packages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an npm packument ({@code GET <registry>/<escaped name>}, <a
 * href="https://github.com/npm/registry/blob/main/docs/responses/package-metadata.md">npm registry
 * docs</a>) into an {@link NpmPackageInfo}: the latest version's metadata, the README and the MCP
 * evidence. Pure: bytes in, record out; fetching is the caller's.
 *
 * <p>Bounded: documents over {@link #MAX_PACKUMENT_BYTES} are refused; the document is read as a
 * stream and of {@code versions} only the latest version's object is kept (all of them only when
 * {@code dist-tags} comes after {@code versions}, which the public registry never does).
 *
 * <p>Thread-safe: stateless.
 */
public final class NpmPackument {

  /** Largest packument read: 32 MiB (the largest popular packuments are about 20 MiB). */
  public static final int MAX_PACKUMENT_BYTES = 32 * 1024 * 1024;

  /** README kept: the first 64 KiB of UTF-8 (the spec's "first 64 KB"). */
  public static final int MAX_README_BYTES = 64 * 1024;

  /** Keywords kept: the first 100. */
  public static final int MAX_KEYWORDS = 100;

  /** Dependencies kept: the first 1,000. */
  public static final int MAX_DEPENDENCIES = 1_000;

  /** Keywords (compared in lower case) that mark an MCP package. */
  public static final Set<String> MCP_KEYWORDS =
      Set.of("mcp", "modelcontextprotocol", "model-context-protocol", "mcp-server");

  /** The MCP TypeScript SDK; a dependency on it marks an MCP package. */
  public static final String MCP_SDK = "@modelcontextprotocol/sdk";

  /** What npm stores as the README of a package that has none. */
  static final String NO_README = "ERROR: No README data found!";

  private static final JsonFactory FACTORY = newFactory(MAX_PACKUMENT_BYTES);

  private NpmPackument() {}

  /** A streaming factory with the project's nesting bound and strings up to {@code maxBytes}. */
  static JsonFactory newFactory(int maxBytes) {
    JsonFactory factory = Json.MAPPER.getFactory().copy();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(Json.MAX_NESTING_DEPTH)
            .maxStringLength(maxBytes)
            .build());
    factory.setCodec(Json.MAPPER);
    return factory;
  }

  /**
   * Parses one packument.
   *
   * @param json the document as fetched (UTF-8)
   * @return the latest version's metadata; never null
   * @throws PackageMetadataException when it is over {@link #MAX_PACKUMENT_BYTES}, not a JSON
   *     object, has no {@code name} or {@code dist-tags.latest}, or lacks the latest version's
   *     object
   */
  public static NpmPackageInfo parse(byte[] json) throws PackageMetadataException {
    if (json == null) {
      throw new PackageMetadataException("no packument");
    }
    if (json.length > MAX_PACKUMENT_BYTES) {
      throw new PackageMetadataException(
          "packument is " + json.length + " bytes, over the cap of " + MAX_PACKUMENT_BYTES);
    }
    Fields fields;
    try (JsonParser parser = FACTORY.createParser(json)) {
      fields = read(parser);
    } catch (IOException e) {
      throw new PackageMetadataException("packument is not valid JSON: " + firstLine(e), e);
    }
    return build(fields);
  }

  /** The top-level parts of a packument this class uses. */
  private static final class Fields {
    String name;
    String latest;
    JsonNode latestVersion;
    final Map<String, JsonNode> versionsBeforeTags = new LinkedHashMap<>();
    JsonNode time;
    String readme;
    final Map<String, JsonNode> top = new LinkedHashMap<>();
  }

  private static final Set<String> TOP_FALLBACKS =
      Set.of("description", "keywords", "repository", "license", "homepage");

  private static Fields read(JsonParser parser) throws IOException, PackageMetadataException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new PackageMetadataException("packument is not a JSON object");
    }
    Fields f = new Fields();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "name" -> f.name = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        case "dist-tags" -> {
          JsonNode tags = parser.readValueAsTree();
          f.latest = Json.text(tags, "latest");
        }
        case "versions" -> readVersions(parser, value, f);
        case "time" -> f.time = parser.readValueAsTree();
        case "readme" -> f.readme = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        default -> {
          if (TOP_FALLBACKS.contains(field)) {
            f.top.put(field, parser.readValueAsTree());
          } else {
            parser.skipChildren();
          }
        }
      }
    }
    if (f.latestVersion == null && f.latest != null) {
      f.latestVersion = f.versionsBeforeTags.get(f.latest);
    }
    return f;
  }

  private static void readVersions(JsonParser parser, JsonToken value, Fields f)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String version = parser.currentName();
      parser.nextToken();
      if (f.latest != null && !f.latest.equals(version)) {
        parser.skipChildren();
      } else if (f.latest != null) {
        f.latestVersion = parser.readValueAsTree();
      } else {
        f.versionsBeforeTags.put(version, parser.readValueAsTree());
      }
    }
  }

  private static NpmPackageInfo build(Fields f) throws PackageMetadataException {
    if (f.name == null || f.name.isBlank()) {
      throw new PackageMetadataException("packument has no name");
    }
    if (f.latest == null || f.latest.isBlank()) {
      throw new PackageMetadataException(
          "packument of " + Texts.quote(f.name, 100) + " has no dist-tags.latest (unpublished?)");
    }
    JsonNode v = f.latestVersion;
    if (v == null || !v.isObject()) {
      throw new PackageMetadataException(
          "packument of "
              + Texts.quote(f.name, 100)
              + " lacks versions["
              + Texts.quote(f.latest, 60)
              + "]");
    }
    String description = text(v, f, "description");
    List<String> keywords = keywords(pick(v, f, "keywords"));
    String repository = repository(pick(v, f, "repository"));
    String license = license(v.has("license") ? v.get("license") : v.get("licenses"));
    if (license == null) {
      license = license(f.top.get("license"));
    }
    String homepage = text(v, f, "homepage");
    Instant publishedAt = instant(Json.text(f.time, f.latest));
    String readme = f.readme;
    if (readme == null || readme.isBlank() || readme.equals(NO_README)) {
      readme = Json.text(v, "readme");
    }
    if (readme != null && (readme.isBlank() || readme.equals(NO_README))) {
      readme = null;
    }
    String cut = readme == null ? null : Texts.truncateUtf8(readme, MAX_README_BYTES);
    boolean truncated = readme != null && cut.length() < readme.length();
    String mcpName = Json.text(v, "mcpName");
    if (mcpName != null && mcpName.isBlank()) {
      mcpName = null;
    }
    Map<String, String> dependencies = dependencies(v.get("dependencies"));
    Map<String, String> peers = dependencies(v.get("peerDependencies"));
    String deprecated = Json.text(v, "deprecated");
    return new NpmPackageInfo(
        f.name,
        f.latest,
        description,
        keywords,
        repository,
        license,
        homepage,
        publishedAt,
        cut,
        truncated,
        mcpName,
        dependencies,
        deprecated,
        Json.text(v.get("dist"), "tarball"),
        evidence(mcpName, keywords, dependencies, peers));
  }

  /** The MCP evidence of npm metadata: {@code mcpName} strong, keywords and SDK medium. */
  static McpEvidence evidence(
      String mcpName,
      List<String> keywords,
      Map<String, String> dependencies,
      Map<String, String> peerDependencies) {
    List<String> reasons = new ArrayList<>();
    McpStrength strength = McpStrength.NONE;
    if (mcpName != null) {
      reasons.add("mcpName " + Texts.quote(mcpName, 200));
      strength = McpStrength.STRONG;
    }
    for (String keyword : keywords) {
      if (MCP_KEYWORDS.contains(keyword.toLowerCase(Locale.ROOT))) {
        reasons.add("keyword " + Texts.quote(keyword, 60));
        strength = max(strength, McpStrength.MEDIUM);
      }
    }
    if (dependencies.containsKey(MCP_SDK)) {
      reasons.add("depends on " + MCP_SDK + " " + Texts.quote(dependencies.get(MCP_SDK), 60));
      strength = max(strength, McpStrength.MEDIUM);
    } else if (peerDependencies.containsKey(MCP_SDK)) {
      reasons.add("peer-depends on " + MCP_SDK);
      strength = max(strength, McpStrength.MEDIUM);
    }
    return new McpEvidence(strength, mcpName, reasons);
  }

  private static McpStrength max(McpStrength a, McpStrength b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static JsonNode pick(JsonNode version, Fields f, String field) {
    JsonNode node = version.get(field);
    return node != null && !node.isNull() ? node : f.top.get(field);
  }

  private static String text(JsonNode version, Fields f, String field) {
    JsonNode node = pick(version, f, field);
    return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  private static List<String> keywords(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isTextual()) {
      for (String k : node.asText().split("[,\\s]+")) {
        if (!k.isBlank() && out.size() < MAX_KEYWORDS) {
          out.add(k.strip());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode k : node) {
        if (k.isTextual() && !k.asText().isBlank() && out.size() < MAX_KEYWORDS) {
          out.add(k.asText().strip());
        }
      }
    }
    return out;
  }

  private static String repository(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return RepositoryUrls.normalise(node.asText());
    }
    return RepositoryUrls.normalise(Json.text(node, "url"));
  }

  /** A license string, {@code {"type": ...}}, or the legacy {@code licenses} array's first. */
  private static String license(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText().isBlank() ? null : node.asText().strip();
    }
    if (node.isObject()) {
      return Json.text(node, "type");
    }
    if (node.isArray() && !node.isEmpty()) {
      return license(node.get(0));
    }
    return null;
  }

  private static Map<String, String> dependencies(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    var it = node.fields();
    while (it.hasNext() && out.size() < MAX_DEPENDENCIES) {
      var e = it.next();
      if (e.getValue().isTextual()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  /** An ISO-8601 time with offset ({@code 2026-09-01T22:46:36.382Z} or {@code +00:00}). */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
