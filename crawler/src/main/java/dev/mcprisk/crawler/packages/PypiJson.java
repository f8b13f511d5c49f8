package dev.mcprisk.crawler.packages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.text.UntrustedText;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PyPI JSON API ({@code GET <base>/pypi/<name>/json}, <a
 * href="https://docs.pypi.org/api/json/">PyPI JSON API</a>) into a {@link PypiPackageInfo}, with
 * the {@code mcp-name:} ownership marker the MCP Registry verifies and the MCP evidence. Pure:
 * bytes in, record out; fetching is the caller's.
 *
 * <p>Bounded: documents over {@link #MAX_JSON_BYTES} are refused; only {@code info} is kept ({@code
 * releases}, {@code urls} and {@code vulnerabilities} are skipped while streaming).
 *
 * <p>Thread-safe: stateless.
 */
public final class PypiJson {

  /** The public PyPI, used when the user names no other base URL. */
  public static final URI DEFAULT_BASE = URI.create("https://pypi.org/");

  /** Largest PyPI JSON document read: 32 MiB. */
  public static final int MAX_JSON_BYTES = 32 * 1024 * 1024;

  /** Description (README) kept: the first 64 KiB of UTF-8, as for npm READMEs. */
  public static final int MAX_DESCRIPTION_BYTES = NpmPackument.MAX_README_BYTES;

  /** A {@code license} field (often a whole licence text) is cut to 200 characters. */
  public static final int MAX_LICENSE_CHARS = 200;

  /** Keywords, classifiers and requirements kept: the first 500 of each. */
  public static final int MAX_LIST_ITEMS = 500;

  /** Distributions (PEP 503 normalised) whose presence in {@code requires_dist} marks MCP. */
  public static final Set<String> MCP_DISTRIBUTIONS = Set.of("mcp", "fastmcp");

  /**
   * The ownership marker: {@code mcp-name: <server name>}, where the name is a registry server name
   * such as {@code io.github.owner/server} (MCP Registry publishing guide for PyPI).
   */
  static final Pattern MCP_NAME =
      Pattern.compile("mcp-name:\\s*([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)");

  /** PEP 508 project names. */
  private static final Pattern PROJECT_NAME =
      Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");

  private static final Pattern REQUIREMENT_NAME =
      Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");

  private static final JsonFactory FACTORY = NpmPackument.newFactory(MAX_JSON_BYTES);

  private PypiJson() {}

  /**
   * The JSON API URL of {@code project}: {@code <base>/pypi/<project>/json}.
   *
   * @param base PyPI's base URL, {@link #DEFAULT_BASE} unless the user configured another
   * @throws IllegalArgumentException when {@code project} is not a PEP 508 name
   */
  public static URI url(URI base, String project) {
    if (project == null || project.length() > 200 || !PROJECT_NAME.matcher(project).matches()) {
      throw new IllegalArgumentException(
          "not a PyPI project name: " + (project == null ? "null" : Texts.quote(project, 80)));
    }
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b : b + "/") + "pypi/" + project + "/json");
  }

  /**
   * Parses one JSON API document.
   *
   * @param json the document as fetched (UTF-8)
   * @return the project's metadata; never null
   * @throws PackageMetadataException when it is over {@link #MAX_JSON_BYTES}, not a JSON object, or
   *     has no {@code info.name} and {@code info.version}
   */
  public static PypiPackageInfo parse(byte[] json) throws PackageMetadataException {
    if (json == null) {
      throw new PackageMetadataException("no PyPI JSON");
    }
    if (json.length > MAX_JSON_BYTES) {
      throw new PackageMetadataException(
          "PyPI JSON is " + json.length + " bytes, over the cap of " + MAX_JSON_BYTES);
    }
    JsonNode info = null;
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new PackageMetadataException("PyPI JSON is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("info")) {
          info = parser.readValueAsTree();
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      int nl = message.indexOf('\n');
      throw new PackageMetadataException(
          "PyPI JSON is not valid JSON: " + (nl < 0 ? message : message.substring(0, nl)), e);
    }
    return build(info);
  }

  private static PypiPackageInfo build(JsonNode info) throws PackageMetadataException {
    if (info == null || !info.isObject()) {
      throw new PackageMetadataException("PyPI JSON has no info object");
    }
    String name = text(info, "name");
    String version = text(info, "version");
    if (name == null || version == null) {
      throw new PackageMetadataException("PyPI JSON info has no name or version");
    }
    String description = text(info, "description");
    String mcpName = null;
    if (description != null) {
      Matcher m = MCP_NAME.matcher(description);
      if (m.find()) {
        mcpName = m.group(1);
      }
    }
    String cut =
        description == null ? null : Texts.truncateUtf8(description, MAX_DESCRIPTION_BYTES);
    boolean truncated = description != null && cut.length() < description.length();
    List<String> keywords = keywords(text(info, "keywords"), info.get("keywords"));
    List<String> classifiers = strings(info.get("classifiers"));
    List<String> requiresDist = strings(info.get("requires_dist"));
    Map<String, String> projectUrls = new LinkedHashMap<>();
    JsonNode urls = info.get("project_urls");
    if (urls != null && urls.isObject()) {
      var it = urls.fields();
      while (it.hasNext() && projectUrls.size() < MAX_LIST_ITEMS) {
        var e = it.next();
        if (e.getValue().isTextual()) {
          projectUrls.put(e.getKey(), e.getValue().asText());
        }
      }
    }
    String license = text(info, "license_expression");
    if (license == null) {
      license = text(info, "license");
      if (license != null && license.length() > MAX_LICENSE_CHARS) {
        license = UntrustedText.prefix(license, MAX_LICENSE_CHARS).strip() + "...";
      }
    }
    return new PypiPackageInfo(
        name,
        version,
        text(info, "summary"),
        cut,
        truncated,
        text(info, "description_content_type"),
        keywords,
        classifiers,
        projectUrls,
        requiresDist,
        license,
        text(info, "home_page"),
        mcpName,
        evidence(mcpName, keywords, classifiers, requiresDist));
  }

  /**
   * The MCP evidence of PyPI metadata: {@code mcp-name:} strong; MCP keywords, classifiers with an
   * {@code MCP} or {@code Model Context Protocol} segment, or a requirement on {@code mcp} or
   * {@code fastmcp} (outside an extra) medium.
   */
  static McpEvidence evidence(
      String mcpName, List<String> keywords, List<String> classifiers, List<String> requiresDist) {
    List<String> reasons = new ArrayList<>();
    McpStrength strength = McpStrength.NONE;
    if (mcpName != null) {
      reasons.add("mcp-name " + Texts.quote(mcpName, 200));
      strength = McpStrength.STRONG;
    }
    for (String keyword : keywords) {
      if (NpmPackument.MCP_KEYWORDS.contains(keyword.toLowerCase(Locale.ROOT))) {
        reasons.add("keyword " + Texts.quote(keyword, 60));
        strength = strength == McpStrength.NONE ? McpStrength.MEDIUM : strength;
      }
    }
    for (String classifier : classifiers) {
      for (String segment : classifier.split("::")) {
        String s = segment.strip().toLowerCase(Locale.ROOT);
        if (s.equals("mcp") || s.equals("model context protocol")) {
          reasons.add("classifier " + Texts.quote(classifier, 120));
          strength = strength == McpStrength.NONE ? McpStrength.MEDIUM : strength;
          break;
        }
      }
    }
    for (String requirement : requiresDist) {
      Matcher m = REQUIREMENT_NAME.matcher(requirement);
      if (!m.lookingAt() || requirement.contains("extra ==") || requirement.contains("extra==")) {
        continue;
      }
      String dist = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
      if (MCP_DISTRIBUTIONS.contains(dist)) {
        reasons.add("requires " + Texts.quote(requirement, 120));
        strength = strength == McpStrength.NONE ? McpStrength.MEDIUM : strength;
      }
    }
    return new McpEvidence(strength, mcpName, reasons);
  }

  private static String text(JsonNode node, String field) {
    String value = Json.text(node, field);
    return value == null || value.isBlank() ? null : value;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (item.isTextual() && !item.asText().isBlank() && out.size() < MAX_LIST_ITEMS) {
          out.add(item.asText().strip());
        }
      }
    }
    return out;
  }

  /** PyPI keywords: one string, comma-separated (or space-separated in old metadata). */
  private static List<String> keywords(String text, JsonNode node) {
    if (node != null && node.isArray()) {
      return strings(node);
    }
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String k : text.split(text.contains(",") ? "," : "\\s+")) {
      if (!k.isBlank() && out.size() < MAX_LIST_ITEMS) {
        out.add(k.strip());
      }
    }
    return out;
  }
}
