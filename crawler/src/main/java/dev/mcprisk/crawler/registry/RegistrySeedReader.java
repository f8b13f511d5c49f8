package dev.mcprisk.crawler.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.EnvironmentVariable;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.Repository;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads MCP Registry entries from a JSON file into {@link ServerEntry}s. Accepted shapes
 * (https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/api/openapi.yaml),
 * detected per entry:
 *
 * <ul>
 *   <li>the registry's first seed (2025-05-16, snake_case; data/registry/schema.json): {@code
 *       name}, {@code description}, {@code repository{url,source,id}}, {@code
 *       version_detail{version}}, {@code packages[{registry_name, name, version,
 *       environment_variables[{name, description, is_required, is_secret, default}]}]}, {@code
 *       remotes[{transport_type, url}]};
 *   <li>server.json (schema 2025-12-11; data/registry/server.schema.json): {@code name}, {@code
 *       title}, {@code description}, {@code version}, {@code repository{url,source,subfolder}},
 *       {@code packages[{registryType, identifier, version, runtimeHint, transport{type,url},
 *       environmentVariables[{name, description, isRequired, isSecret, default}]}]}, {@code
 *       remotes[{type,url}]};
 * </ul>
 *
 * as a top-level JSON array of entries, or as the registry API list envelope {@code
 * {"servers":[{"server":{...},"_meta":{"io.modelcontextprotocol.registry/official":{"status"}}}]}}.
 *
 * <p>Rules: an entry without a non-blank {@code name} is rejected, and so is one that breaks the
 * schema's bounds on its identity ({@link EntryLimits}: a name of 3 to 200 chars in {@code
 * namespace/name} form, a version of at most 255 chars, an official status {@code active}, {@code
 * deprecated} or {@code deleted}, package identifiers and versions of at most 255 chars, remote
 * URLs of at most 2,048), so no later store write can fail on it; a description over {@link
 * EntryLimits#MAX_DESCRIPTION_CHARS} or a title over {@link EntryLimits#MAX_TITLE_CHARS} is trimmed
 * (marked {@link EntryLimits#TRIMMED_MARK}) and counted, never rejected. A package without an
 * identifier, an environment variable without a name and a remote without a URL are dropped from
 * their entry. Names repeat across versions: the entry with the highest {@code version} ({@link
 * Versions}: lenient semver, pre-release below release, missing below any) is kept, the first one
 * on a tie, and the others count as superseded. A remote with an empty type gets {@code sse} when
 * its URL path ends in {@code /sse}, {@code streamable-http} when it ends in {@code /mcp}, else
 * {@code unknown}. Blank strings become null.
 *
 * <p>Never throws for bad data; files over {@link #MAX_FILE_BYTES} are refused. Thread-safe:
 * stateless.
 */
public final class RegistrySeedReader {

  /** Largest file read: 64 MiB (the 2025-05 seed of 471 entries is 0.5 MB). */
  public static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

  /** {@code _meta} key of the official registry's status block. */
  public static final String OFFICIAL_META = "io.modelcontextprotocol.registry/official";

  private RegistrySeedReader() {}

  /**
   * Reads every entry of one file.
   *
   * @param sourceName recorded as {@link ServerEntry#source()}, e.g. {@code
   *     registry-seed-2025-05-16}; never null
   * @param in the file; read to its end (at most {@link #MAX_FILE_BYTES} + 1 bytes), not closed
   * @return entries and rejections; never null
   */
  public static RegistryReadResult read(String sourceName, InputStream in) {
    Objects.requireNonNull(sourceName, "sourceName == null");
    Objects.requireNonNull(in, "in == null");
    JsonNode root;
    try {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        return wholeFile(sourceName, "file is over the limit of " + MAX_FILE_BYTES + " bytes");
      }
      root = Json.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return wholeFile(sourceName, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return wholeFile(sourceName, "cannot read: " + e.getMessage());
    }
    JsonNode items = root;
    if (root != null && root.isObject() && root.path("servers").isArray()) {
      items = root.get("servers");
    }
    if (items == null || !items.isArray()) {
      return wholeFile(
          sourceName,
          "expected a JSON array of entries or {\"servers\":[...]}, found "
              + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType()));
    }
    Map<String, ServerEntry> kept = new LinkedHashMap<>();
    List<RejectedEntry> rejected = new ArrayList<>();
    int superseded = 0;
    int[] trimmed = {0};
    for (int i = 0; i < items.size(); i++) {
      ServerEntry entry;
      try {
        entry = entry(sourceName, items.get(i), trimmed);
      } catch (IllegalArgumentException e) {
        rejected.add(new RejectedEntry(sourceName, i, String.valueOf(e.getMessage())));
        continue;
      }
      ServerEntry earlier = kept.get(entry.id());
      if (earlier == null) {
        kept.put(entry.id(), entry);
      } else {
        superseded++;
        if (Versions.compare(entry.version(), earlier.version()) > 0) {
          kept.put(entry.id(), entry);
        }
      }
    }
    return new RegistryReadResult(new ArrayList<>(kept.values()), rejected, superseded, trimmed[0]);
  }

  /**
   * Reads one page of the registry API's list ({@code GET /v0.1/servers}): {@code
   * {"servers":[{"server":{...},"_meta":{...}}], "metadata":{"nextCursor":"...","count":N}}}, each
   * entry in either shape, its official {@code _meta} status kept as {@link ServerEntry#status()}.
   * A bad entry is rejected (index within the page) and the rest of the page goes on; entries are
   * not merged by name (see {@link #read} for that).
   *
   * @param sourceName recorded as {@link ServerEntry#source()}, e.g. {@code registry-api}
   * @param json the page's body
   * @return the page; {@link RegistryPage#failure()} non-empty when the body is not such a page
   */
  public static RegistryPage readPage(String sourceName, String json) {
    Objects.requireNonNull(sourceName, "sourceName == null");
    Objects.requireNonNull(json, "json == null");
    JsonNode root;
    try {
      root = Json.parse(json);
    } catch (JsonProcessingException e) {
      return RegistryPage.failed("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("servers").isArray()) {
      return RegistryPage.failed(
          "expected {\"servers\":[...],\"metadata\":{...}}, found "
              + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType()));
    }
    JsonNode items = root.get("servers");
    List<ServerEntry> entries = new ArrayList<>(items.size());
    List<RejectedEntry> rejected = new ArrayList<>();
    int[] trimmed = {0};
    for (int i = 0; i < items.size(); i++) {
      try {
        entries.add(entry(sourceName, items.get(i), trimmed));
      } catch (IllegalArgumentException e) {
        rejected.add(new RejectedEntry(sourceName, i, String.valueOf(e.getMessage())));
      }
    }
    String next = text(root.path("metadata"), "nextCursor");
    return new RegistryPage(entries, rejected, next == null ? "" : next, "", trimmed[0]);
  }

  private static RegistryReadResult wholeFile(String source, String reason) {
    return new RegistryReadResult(List.of(), List.of(new RejectedEntry(source, -1, reason)), 0, 0);
  }

  /**
   * One entry in either shape, checked against {@link EntryLimits}.
   *
   * @param trimmed its element 0 counts the texts trimmed
   * @throws IllegalArgumentException when it is not an object, has no name or breaks a limit
   */
  private static ServerEntry entry(String source, JsonNode item, int[] trimmed) {
    if (item == null || !item.isObject()) {
      throw new IllegalArgumentException(
          "entry is not a JSON object but " + (item == null ? "null" : item.getNodeType()));
    }
    JsonNode server = item;
    String status = null;
    if (item.path("server").isObject()) {
      server = item.get("server");
      status = text(item.path("_meta").path(OFFICIAL_META), "status");
    }
    String name = text(server, "name");
    if (name == null) {
      throw new IllegalArgumentException("entry has no name");
    }
    boolean seed = isSeedShape(server);
    String version =
        seed ? text(server.path("version_detail"), "version") : text(server, "version");
    EntryLimits.checkIdentity(name, version, status);
    List<ServerPackage> packages = packages(server.get("packages"), seed);
    for (ServerPackage p : packages) {
      EntryLimits.checkLength(
          name, "package identifier", p.identifier(), EntryLimits.MAX_PACKAGE_FIELD_CHARS);
      EntryLimits.checkLength(
          name, "package version", p.version(), EntryLimits.MAX_PACKAGE_FIELD_CHARS);
      EntryLimits.checkLength(
          name, "package transport URL", p.transportUrl(), EntryLimits.MAX_URL_CHARS);
    }
    List<Remote> remotes = remotes(server.get("remotes"), seed);
    for (Remote r : remotes) {
      EntryLimits.checkLength(name, "remote URL", r.url(), EntryLimits.MAX_URL_CHARS);
    }
    String title = text(server, "title");
    String description = text(server, "description");
    if (EntryLimits.overLimit(title, EntryLimits.MAX_TITLE_CHARS)) {
      trimmed[0]++;
    }
    if (EntryLimits.overLimit(description, EntryLimits.MAX_DESCRIPTION_CHARS)) {
      trimmed[0]++;
    }
    return new ServerEntry(
        name,
        name,
        EntryLimits.trim(title, EntryLimits.MAX_TITLE_CHARS),
        EntryLimits.trim(description, EntryLimits.MAX_DESCRIPTION_CHARS),
        version,
        repository(server.get("repository")),
        packages,
        remotes,
        source,
        status);
  }

  /**
   * The 2025-05 seed shape: {@code version_detail}, {@code registry_name} or {@code
   * transport_type}.
   */
  private static boolean isSeedShape(JsonNode server) {
    if (server.has("version_detail")) {
      return true;
    }
    for (JsonNode p : server.path("packages")) {
      if (p.has("registry_name")) {
        return true;
      }
    }
    for (JsonNode r : server.path("remotes")) {
      if (r.has("transport_type")) {
        return true;
      }
    }
    return false;
  }

  private static Repository repository(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String url = text(node, "url");
    String source = text(node, "source");
    String subfolder = text(node, "subfolder");
    return url == null && source == null && subfolder == null
        ? null
        : new Repository(url, source, subfolder);
  }

  private static List<ServerPackage> packages(JsonNode node, boolean seed) {
    List<ServerPackage> packages = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return packages;
    }
    for (JsonNode p : node) {
      String identifier = text(p, seed ? "name" : "identifier");
      if (identifier == null) {
        continue;
      }
      String registryType = text(p, seed ? "registry_name" : "registryType");
      JsonNode transport = p.path("transport");
      packages.add(
          new ServerPackage(
              registryType == null ? "unknown" : registryType,
              identifier,
              text(p, "version"),
              text(p, seed ? "runtime_hint" : "runtimeHint"),
              text(transport, "type"),
              text(transport, "url"),
              environment(p.get(seed ? "environment_variables" : "environmentVariables"), seed)));
    }
    return packages;
  }

  private static List<EnvironmentVariable> environment(JsonNode node, boolean seed) {
    List<EnvironmentVariable> variables = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return variables;
    }
    for (JsonNode v : node) {
      String name = text(v, "name");
      if (name == null) {
        continue;
      }
      variables.add(
          new EnvironmentVariable(
              name,
              text(v, "description"),
              v.path(seed ? "is_required" : "isRequired").asBoolean(false),
              v.path(seed ? "is_secret" : "isSecret").asBoolean(false),
              text(v, "default")));
    }
    return variables;
  }

  private static List<Remote> remotes(JsonNode node, boolean seed) {
    List<Remote> remotes = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return remotes;
    }
    for (JsonNode r : node) {
      String url = text(r, "url");
      if (url == null) {
        continue;
      }
      String type = text(r, seed ? "transport_type" : "type");
      remotes.add(new Remote(type == null ? inferType(url) : type, url));
    }
    return remotes;
  }

  private static String inferType(String url) {
    String path;
    try {
      path = URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      path = url;
    }
    if (path != null && path.endsWith("/sse")) {
      return "sse";
    }
    if (path != null && path.endsWith("/mcp")) {
      return "streamable-http";
    }
    return "unknown";
  }

  /** A non-blank string field, stripped; else null. */
  private static String text(JsonNode node, String field) {
    String value = Json.text(node, field);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
