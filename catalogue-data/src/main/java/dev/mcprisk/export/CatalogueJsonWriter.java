package dev.mcprisk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code catalogue.json}, the whole catalogue as one JSON document, schema version {@value
 * #SCHEMA_VERSION}.
 *
 * <p>Shape (every key always present; absent values are {@code null}):
 *
 * <pre>{@code
 * {"schemaVersion": "1", "generatedAt": "2026-11-21T02:00:00Z", "classifierVersion": "...",
 *  "servers": [{"id", "name", "description", "source", "packages": [...], "remotes": [...],
 *    "crawl": {"status", "at", "protocolVersion"} | null,
 *    "tools": [{"name", "title", "description", "inputSchema", "annotations", "definitionHash",
 *      "assessment": {"category", "riskLevel", "score", "confidence", "signals": [{"id",
 *      "evidence"}], "rationale", "rules": [...]}}]}]}
 * }</pre>
 *
 * Servers are sorted by id and tools by name (ordinal string order), so the same input always gives
 * the same bytes. Categories and risk levels are written as their labels ({@code "Destructive"},
 * {@code "Critical"}); {@code packages} and {@code remotes} use the model's server.json field
 * names. A new field is only ever added at the end of an object and bumps nothing; a removed or
 * renamed field bumps {@code schemaVersion}.
 *
 * <p>Thread-safe: stateless.
 */
public final class CatalogueJsonWriter {
  /** Version of the document's shape. */
  public static final String SCHEMA_VERSION = "1";

  private static final Comparator<String> ORDINAL = Comparator.naturalOrder();

  private CatalogueJsonWriter() {}

  /**
   * Writes the catalogue to {@code file} atomically (temporary file in the same directory, fsync,
   * atomic rename), pretty-printed UTF-8 with a final newline.
   *
   * @param file target file; its directory is created when missing
   * @param servers the catalogue, in any order
   * @param generatedAt when the catalogue was generated
   * @param classifierVersion version of the classifier whose assessments are included
   * @return bytes written
   * @throws IOException when the file cannot be written; the previous file is then left as it was
   */
  public static long write(
      Path file, List<CatalogueServer> servers, Instant generatedAt, String classifierVersion)
      throws IOException {
    byte[] bytes = render(servers, generatedAt, classifierVersion);
    AtomicFiles.write(file, bytes);
    return bytes.length;
  }

  /** The document's bytes, as {@link #write} writes them. */
  static byte[] render(
      List<CatalogueServer> servers, Instant generatedAt, String classifierVersion) {
    Objects.requireNonNull(servers, "servers == null");
    Objects.requireNonNull(generatedAt, "generatedAt == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    ObjectNode root = Json.object();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("generatedAt", generatedAt.toString());
    root.put("classifierVersion", classifierVersion);
    ArrayNode array = root.putArray("servers");
    servers.stream()
        .sorted(Comparator.comparing(s -> s.server().id(), ORDINAL))
        .forEach(s -> array.add(server(s)));
    return (Json.writePretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode server(CatalogueServer catalogueServer) {
    ServerEntry entry = catalogueServer.server();
    ObjectNode out = Json.object();
    out.put("id", entry.id());
    out.put("name", entry.name());
    out.put("description", entry.description());
    out.put("source", entry.source());
    out.set("packages", Json.MAPPER.valueToTree(entry.packages()));
    out.set("remotes", Json.MAPPER.valueToTree(entry.remotes()));
    out.set("crawl", crawl(catalogueServer.crawl()));
    ArrayNode tools = out.putArray("tools");
    catalogueServer.tools().stream()
        .sorted(Comparator.comparing(t -> t.tool().name(), ORDINAL))
        .forEach(t -> tools.add(tool(t)));
    return out;
  }

  private static JsonNode crawl(CrawlSummary crawl) {
    if (crawl == null) {
      return NullNode.getInstance();
    }
    ObjectNode out = Json.object();
    out.put("status", crawl.status().name());
    out.put("at", crawl.at().toString());
    out.put("protocolVersion", crawl.protocolVersion());
    return out;
  }

  private static ObjectNode tool(AssessedTool assessed) {
    ToolDefinition tool = assessed.tool();
    ObjectNode out = Json.object();
    out.put("name", tool.name());
    out.put("title", tool.title());
    out.put("description", tool.description());
    out.set("inputSchema", orNull(tool.inputSchema()));
    out.set("annotations", orNull(tool.annotationsJson()));
    out.put("definitionHash", assessed.definitionHash());
    out.set("assessment", assessment(assessed.assessment()));
    return out;
  }

  private static ObjectNode assessment(Assessment a) {
    ObjectNode out = Json.object();
    out.put("category", a.category().label());
    out.put("riskLevel", a.riskLevel().label());
    out.put("score", a.score());
    out.put("confidence", a.confidence());
    out.set("signals", Json.MAPPER.valueToTree(a.signals()));
    out.put("rationale", a.rationale());
    out.set("rules", Json.MAPPER.valueToTree(a.rules()));
    return out;
  }

  private static JsonNode orNull(JsonNode node) {
    return node == null ? NullNode.getInstance() : node.deepCopy();
  }
}
