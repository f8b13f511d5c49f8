package dev.mcprisk.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes {@code catalogue.json}, the whole catalogue as one JSON document, and {@code
 * catalogue.ndjson}, the same content one server per line; schema version {@value #SCHEMA_VERSION},
 * described by the JSON Schema {@code catalogue.schema.json} (draft 2020-12, bundled at the
 * class-path root, {@link #SCHEMA_RESOURCE}).
 *
 * <p>Shape of {@code catalogue.json} (the keys of version "1" always present, absent values {@code
 * null}; keys added later are left out when they have no value):
 *
 * <pre>{@code
 * {"schemaVersion": "1", "generatedAt": "2026-11-21T02:00:00Z", "classifierVersion": "...",
 *  "servers": [{"id", "name", "description", "source", "packages": [...], "remotes": [...],
 *    "crawl": {"status", "at", "protocolVersion"} | null,
 *    "tools": [{"name", "title", "description", "inputSchema", "annotations", "definitionHash",
 *      "assessment": {"category", "riskLevel", "score", "confidence", "signals": [{"id",
 *      "evidence"}], "rationale", "rules": [...]},
 *      "policy": {"action", "rule", "rateLimit"?: {"max", "window"}, "requiredArguments"?: [...],
 *        "onDeny"?},
 *      "firstSeen"?, "lastChanged"?}]}],
 *  "policyProfile": "balanced"}
 * }</pre>
 *
 * {@code annotations} is the tool's {@code annotations} object exactly as the server declared it
 * (hints from an untrusted server). {@code policy.action} is {@code allow}, {@code rate_limit},
 * {@code deny} or {@code hide}; {@code firstSeen} and {@code lastChanged} are ISO-8601 instants
 * from a {@link ToolHistoryLookup}, absent when unknown. {@code catalogue.ndjson} has a first line
 * {@code {"schemaVersion", "generatedAt", "classifierVersion", "policyProfile"}} and then one line
 * per server, each exactly an element of {@code servers}.
 *
 * <p>Servers are sorted by id and tools by name (ordinal string order), so the same input always
 * gives the same bytes. Versioning: a field is only ever added (at the end of its object) and never
 * renamed or removed, which keeps {@code schemaVersion} at "1"; readers must ignore fields they do
 * not know ({@link CatalogueJsonReader} does). A removed or renamed field bumps {@code
 * schemaVersion}.
 *
 * <p>Memory: the output is streamed with a Jackson {@link JsonGenerator}; only one server's tools
 * are in memory as JSON at a time (the list of servers itself is the caller's).
 *
 * <p>Thread-safe: stateless.
 */
public final class CatalogueJsonWriter {
  /** Version of the document's shape. */
  public static final String SCHEMA_VERSION = "1";

  /** Class-path resource of the JSON Schema of {@code catalogue.json}. */
  public static final String SCHEMA_RESOURCE = "/catalogue.schema.json";

  private static final Comparator<String> ORDINAL = Comparator.naturalOrder();

  private CatalogueJsonWriter() {}

  /**
   * Writes the catalogue with the {@link ExportOptions#DEFAULTS} and no history.
   *
   * @see #write(Path, List, Instant, String, ExportOptions, ToolHistoryLookup)
   */
  public static long write(
      Path file, List<CatalogueServer> servers, Instant generatedAt, String classifierVersion)
      throws IOException {
    return write(
        file,
        servers,
        generatedAt,
        classifierVersion,
        ExportOptions.DEFAULTS,
        ToolHistoryLookup.NONE);
  }

  /**
   * Writes {@code catalogue.json} to {@code file} atomically (temporary file in the same directory,
   * fsync, atomic rename), pretty-printed UTF-8 with a final newline.
   *
   * @param file target file; its directory is created when missing
   * @param servers the catalogue, in any order
   * @param generatedAt when the catalogue was generated
   * @param classifierVersion version of the classifier whose assessments are included
   * @param options the profile, hiding and the server and risk filters ({@link
   *     ExportOptions#select})
   * @param history first-seen and last-changed dates per tool; {@link ToolHistoryLookup#NONE} when
   *     unknown
   * @return bytes written
   * @throws IOException when the file cannot be written; the previous file is then left as it was
   */
  public static long write(
      Path file,
      List<CatalogueServer> servers,
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history)
      throws IOException {
    Header header = new Header(generatedAt, classifierVersion, options, history);
    Iterator<CatalogueServer> sorted = sortedById(servers);
    return AtomicFiles.write(file, out -> writeDocument(out, sorted, header));
  }

  /**
   * Writes {@code catalogue.ndjson} to {@code file} atomically: a header line, then one compact
   * line per server, each line ending with {@code \n}.
   *
   * @return bytes written
   * @throws IOException when the file cannot be written; the previous file is then left as it was
   * @see #write(Path, List, Instant, String, ExportOptions, ToolHistoryLookup)
   */
  public static long writeNdjson(
      Path file,
      List<CatalogueServer> servers,
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history)
      throws IOException {
    Header header = new Header(generatedAt, classifierVersion, options, history);
    Iterator<CatalogueServer> sorted = sortedById(servers);
    return AtomicFiles.write(file, out -> writeNdjsonLines(out, sorted, header));
  }

  /**
   * Streams {@code catalogue.json} to {@code out} from servers already in id order (ordinal), e.g.
   * read one at a time from the store. {@code out} is flushed, not closed.
   *
   * @throws IllegalArgumentException when a server's id sorts before the previous one's
   * @throws IOException when {@code out} fails
   */
  public static void writeDocument(
      OutputStream out,
      Iterator<CatalogueServer> serversInIdOrder,
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history)
      throws IOException {
    writeDocument(
        out, serversInIdOrder, new Header(generatedAt, classifierVersion, options, history));
  }

  /**
   * Streams {@code catalogue.ndjson} to {@code out} from servers already in id order (ordinal).
   * {@code out} is flushed, not closed.
   *
   * @throws IllegalArgumentException when a server's id sorts before the previous one's
   * @throws IOException when {@code out} fails
   */
  public static void writeNdjsonLines(
      OutputStream out,
      Iterator<CatalogueServer> serversInIdOrder,
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history)
      throws IOException {
    writeNdjsonLines(
        out, serversInIdOrder, new Header(generatedAt, classifierVersion, options, history));
  }

  private record Header(
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history) {
    Header {
      Objects.requireNonNull(generatedAt, "generatedAt == null");
      Objects.requireNonNull(classifierVersion, "classifierVersion == null");
      Objects.requireNonNull(options, "options == null");
      Objects.requireNonNull(history, "history == null");
    }
  }

  static Iterator<CatalogueServer> sortedById(List<CatalogueServer> servers) {
    Objects.requireNonNull(servers, "servers == null");
    return servers.stream().sorted(Comparator.comparing(s -> s.server().id(), ORDINAL)).iterator();
  }

  private static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator gen = Json.MAPPER.createGenerator(out, JsonEncoding.UTF8);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return gen;
  }

  static void writeDocument(OutputStream out, Iterator<CatalogueServer> servers, Header header)
      throws IOException {
    try (JsonGenerator gen = generator(out)) {
      gen.useDefaultPrettyPrinter();
      gen.writeStartObject();
      gen.writeStringField("schemaVersion", SCHEMA_VERSION);
      gen.writeStringField("generatedAt", header.generatedAt().toString());
      gen.writeStringField("classifierVersion", header.classifierVersion());
      gen.writeArrayFieldStart("servers");
      forEachSelected(servers, header, s -> server(gen, s, header));
      gen.writeEndArray();
      gen.writeStringField("policyProfile", header.options().profile());
      gen.writeEndObject();
      gen.writeRaw('\n');
    }
  }

  static void writeNdjsonLines(OutputStream out, Iterator<CatalogueServer> servers, Header header)
      throws IOException {
    try (JsonGenerator gen = generator(out)) {
      gen.setRootValueSeparator(null);
      gen.writeStartObject();
      gen.writeStringField("schemaVersion", SCHEMA_VERSION);
      gen.writeStringField("generatedAt", header.generatedAt().toString());
      gen.writeStringField("classifierVersion", header.classifierVersion());
      gen.writeStringField("policyProfile", header.options().profile());
      gen.writeEndObject();
      gen.writeRaw('\n');
      forEachSelected(
          servers,
          header,
          s -> {
            server(gen, s, header);
            gen.writeRaw('\n');
          });
    }
  }

  /**
   * Writes {@code catalogue.json} and {@code catalogue.ndjson} side by side, one server at a time,
   * byte for byte as {@link #writeDocument} and {@link #writeNdjsonLines} write them: for an export
   * that reads the catalogue once. The caller selects and orders the servers; {@link #finish}
   * completes both documents and flushes the streams (not closed).
   *
   * <p>Not thread-safe.
   */
  static final class Pair {
    private final Header header;
    private final JsonGenerator document;
    private final JsonGenerator ndjson;

    Pair(
        OutputStream documentOut,
        OutputStream ndjsonOut,
        Instant generatedAt,
        String classifierVersion,
        ExportOptions options,
        ToolHistoryLookup history)
        throws IOException {
      header = new Header(generatedAt, classifierVersion, options, history);
      document = generator(documentOut);
      document.useDefaultPrettyPrinter();
      document.writeStartObject();
      document.writeStringField("schemaVersion", SCHEMA_VERSION);
      document.writeStringField("generatedAt", header.generatedAt().toString());
      document.writeStringField("classifierVersion", header.classifierVersion());
      document.writeArrayFieldStart("servers");
      ndjson = generator(ndjsonOut);
      ndjson.setRootValueSeparator(null);
      ndjson.writeStartObject();
      ndjson.writeStringField("schemaVersion", SCHEMA_VERSION);
      ndjson.writeStringField("generatedAt", header.generatedAt().toString());
      ndjson.writeStringField("classifierVersion", header.classifierVersion());
      ndjson.writeStringField("policyProfile", header.options().profile());
      ndjson.writeEndObject();
      ndjson.writeRaw('\n');
    }

    /** Adds one selected server ({@link ExportOptions#select}) to both files. */
    void add(CatalogueServer selected) throws IOException {
      server(document, selected, header);
      server(ndjson, selected, header);
      ndjson.writeRaw('\n');
    }

    /** Ends both documents and flushes them. */
    void finish() throws IOException {
      document.writeEndArray();
      document.writeStringField("policyProfile", header.options().profile());
      document.writeEndObject();
      document.writeRaw('\n');
      document.close();
      ndjson.close();
    }
  }

  private interface ServerWriter {
    void write(CatalogueServer server) throws IOException;
  }

  private static void forEachSelected(
      Iterator<CatalogueServer> servers, Header header, ServerWriter writer) throws IOException {
    String previous = null;
    while (servers.hasNext()) {
      CatalogueServer next = servers.next();
      String id = next.server().id();
      if (previous != null && ORDINAL.compare(previous, id) > 0) {
        throw new IllegalArgumentException(
            "servers are not in id order: '" + id + "' after '" + previous + "'");
      }
      previous = id;
      Optional<CatalogueServer> selected = header.options().select(next);
      if (selected.isPresent()) {
        writer.write(selected.get());
      }
    }
  }

  private static void server(JsonGenerator gen, CatalogueServer catalogueServer, Header header)
      throws IOException {
    ServerEntry entry = catalogueServer.server();
    gen.writeStartObject();
    gen.writeStringField("id", entry.id());
    gen.writeStringField("name", entry.name());
    gen.writeStringField("description", entry.description());
    gen.writeStringField("source", entry.source());
    gen.writeFieldName("packages");
    gen.writeObject(entry.packages());
    gen.writeFieldName("remotes");
    gen.writeObject(entry.remotes());
    crawl(gen, catalogueServer.crawl());
    gen.writeArrayFieldStart("tools");
    for (AssessedTool tool :
        catalogueServer.tools().stream()
            .sorted(Comparator.comparing(t -> t.tool().name(), ORDINAL))
            .toList()) {
      tool(gen, entry.id(), tool, header);
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  private static void crawl(JsonGenerator gen, CrawlSummary crawl) throws IOException {
    if (crawl == null) {
      gen.writeNullField("crawl");
      return;
    }
    gen.writeObjectFieldStart("crawl");
    gen.writeStringField("status", crawl.status().name());
    gen.writeStringField("at", crawl.at().toString());
    gen.writeStringField("protocolVersion", crawl.protocolVersion());
    gen.writeEndObject();
  }

  private static void tool(JsonGenerator gen, String serverId, AssessedTool assessed, Header header)
      throws IOException {
    ToolDefinition tool = assessed.tool();
    gen.writeStartObject();
    gen.writeStringField("name", tool.name());
    gen.writeStringField("title", tool.title());
    gen.writeStringField("description", tool.description());
    tree(gen, "inputSchema", tool.inputSchema());
    tree(gen, "annotations", tool.annotationsJson());
    gen.writeStringField("definitionHash", assessed.definitionHash());
    assessment(gen, assessed.assessment());
    policy(gen, header.options().policyFor(assessed));
    ToolDates history = header.history().find(serverId, tool.name());
    if (history != null && history.firstSeen() != null) {
      gen.writeStringField("firstSeen", history.firstSeen().toString());
    }
    if (history != null && history.lastChanged() != null) {
      gen.writeStringField("lastChanged", history.lastChanged().toString());
    }
    gen.writeEndObject();
  }

  private static void tree(JsonGenerator gen, String field, JsonNode node) throws IOException {
    gen.writeFieldName(field);
    if (node == null) {
      gen.writeNull();
    } else {
      gen.writeTree(node);
    }
  }

  private static void assessment(JsonGenerator gen, Assessment a) throws IOException {
    gen.writeObjectFieldStart("assessment");
    gen.writeStringField("category", a.category().label());
    gen.writeStringField("riskLevel", a.riskLevel().label());
    gen.writeNumberField("score", a.score());
    gen.writeNumberField("confidence", a.confidence());
    gen.writeArrayFieldStart("signals");
    for (Signal signal : a.signals()) {
      gen.writeStartObject();
      gen.writeStringField("id", signal.id());
      gen.writeStringField("evidence", signal.evidence());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeStringField("rationale", a.rationale());
    gen.writeArrayFieldStart("rules");
    for (String rule : a.rules()) {
      gen.writeString(rule);
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  private static void policy(JsonGenerator gen, PolicyRecommendation policy) throws IOException {
    gen.writeObjectFieldStart("policy");
    gen.writeStringField("action", actionName(policy.action()));
    gen.writeStringField("rule", policy.ruleName());
    if (policy.action() == PolicyAction.RATE_LIMIT) {
      gen.writeObjectFieldStart("rateLimit");
      gen.writeNumberField("max", policy.rateLimitMax());
      gen.writeStringField("window", policy.rateLimitWindow());
      gen.writeEndObject();
    }
    if (!policy.requiredArguments().isEmpty()) {
      gen.writeArrayFieldStart("requiredArguments");
      for (String argument : policy.requiredArguments()) {
        gen.writeString(argument);
      }
      gen.writeEndArray();
    }
    if (!policy.onDeny().isEmpty()) {
      gen.writeStringField("onDeny", policy.onDeny());
    }
    gen.writeEndObject();
  }

  /** The name of a policy action in the catalogue: {@code allow}, {@code rate_limit}, ... */
  static String actionName(PolicyAction action) {
    return action.name().toLowerCase(Locale.ROOT);
  }
}
