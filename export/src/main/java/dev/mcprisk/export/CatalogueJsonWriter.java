package dev.mcprisk.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * <p>Layout: both files are compact JSON. In {@code catalogue.json} the header fields come first on
 * one line, then each element of {@code servers} on a line of its own (followed by a comma except
 * for the last), then {@code ],"policyProfile":...}} and a final newline; each such line holds
 * exactly the bytes of the server's line in {@code catalogue.ndjson}. Whitespace is not part of the
 * schema: {@code catalogue.json} was pretty-printed before (a third larger at 43,000 servers;
 * BENCHMARKS.md, "Export alone"), with the same content.
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
   * fsync, atomic rename), compact UTF-8 with one server per line and a final newline.
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
   * Writes {@code catalogue.json} ({@code ndjson} false) or {@code catalogue.ndjson} to {@code
   * file} atomically from servers already in id order (ordinal), iterated once: for a catalogue
   * paged out of the store.
   *
   * @return bytes written
   * @throws IllegalArgumentException when a server's id sorts before the previous one's; the
   *     previous file is then left as it was
   * @throws IOException when the file cannot be written; the previous file is then left as it was
   */
  static long writeOrdered(
      Path file,
      Iterable<CatalogueServer> servers,
      Instant generatedAt,
      String classifierVersion,
      ExportOptions options,
      ToolHistoryLookup history,
      boolean ndjson)
      throws IOException {
    Header header = new Header(generatedAt, classifierVersion, options, history);
    return AtomicFiles.write(
        file,
        out -> {
          if (ndjson) {
            writeNdjsonLines(out, servers.iterator(), header);
          } else {
            writeDocument(out, servers.iterator(), header);
          }
        });
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

  /**
   * Serializes one server at a time into a reused buffer as compact JSON (an element of {@code
   * servers}), so that the same bytes can go to {@code catalogue.json} and {@code catalogue.ndjson}
   * without serializing twice. Not thread-safe.
   */
  private static final class ServerSerializer {
    private final Header header;
    private final Buffer buffer = new Buffer();
    private final JsonGenerator gen;

    ServerSerializer(Header header) throws IOException {
      this.header = header;
      gen = Json.MAPPER.createGenerator(buffer, JsonEncoding.UTF8);
      gen.setRootValueSeparator(null);
    }

    /** The server's JSON, valid until the next call. */
    Buffer serialize(CatalogueServer selected) throws IOException {
      buffer.reset();
      server(gen, selected, header);
      gen.flush();
      return buffer;
    }
  }

  /** A growable byte buffer that hands its content to a stream without copying. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(SERVER_BUFFER_BYTES);
    }

    void writeTo(OutputStream... outs) throws IOException {
      for (OutputStream out : outs) {
        out.write(buf, 0, count);
      }
    }
  }

  /** Initial size of the per-server buffer, in bytes. */
  private static final int SERVER_BUFFER_BYTES = 64 * 1024;

  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] FIRST_SERVER = {'\n'};
  private static final byte[] NEXT_SERVER = {',', '\n'};

  /** {@code text} as a JSON string literal, quotes included. */
  private static String quoted(String text) {
    return Json.write(text);
  }

  /** The start of {@code catalogue.json}, up to and including the {@code [} of {@code servers}. */
  private static byte[] documentStart(Header header) {
    return ("{\"schemaVersion\":"
            + quoted(SCHEMA_VERSION)
            + ",\"generatedAt\":"
            + quoted(header.generatedAt().toString())
            + ",\"classifierVersion\":"
            + quoted(header.classifierVersion())
            + ",\"servers\":[")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The end of {@code catalogue.json}, from the {@code ]} of {@code servers}. */
  private static byte[] documentEnd(Header header, boolean anyServer) {
    return ((anyServer ? "\n" : "")
            + "],\"policyProfile\":"
            + quoted(header.options().profile())
            + "}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The first line of {@code catalogue.ndjson}, with its newline. */
  private static byte[] ndjsonHeader(Header header) {
    return ("{\"schemaVersion\":"
            + quoted(SCHEMA_VERSION)
            + ",\"generatedAt\":"
            + quoted(header.generatedAt().toString())
            + ",\"classifierVersion\":"
            + quoted(header.classifierVersion())
            + ",\"policyProfile\":"
            + quoted(header.options().profile())
            + "}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static void writeDocument(OutputStream out, Iterator<CatalogueServer> servers, Header header)
      throws IOException {
    ServerSerializer serializer = new ServerSerializer(header);
    out.write(documentStart(header));
    boolean[] any = {false};
    forEachSelected(
        servers,
        header,
        s -> {
          out.write(any[0] ? NEXT_SERVER : FIRST_SERVER);
          any[0] = true;
          serializer.serialize(s).writeTo(out);
        });
    out.write(documentEnd(header, any[0]));
    out.flush();
  }

  static void writeNdjsonLines(OutputStream out, Iterator<CatalogueServer> servers, Header header)
      throws IOException {
    ServerSerializer serializer = new ServerSerializer(header);
    out.write(ndjsonHeader(header));
    forEachSelected(
        servers,
        header,
        s -> {
          serializer.serialize(s).writeTo(out);
          out.write(NEWLINE);
        });
    out.flush();
  }

  /**
   * Writes {@code catalogue.json} and {@code catalogue.ndjson} side by side, one server at a time,
   * byte for byte as {@link #writeDocument} and {@link #writeNdjsonLines} write them: for an export
   * that reads the catalogue once. Each server is serialized once, and the same bytes go to both
   * files. The caller selects and orders the servers; {@link #finish} completes both documents and
   * flushes the streams (not closed).
   *
   * <p>Not thread-safe.
   */
  static final class Pair {
    private final Header header;
    private final ServerSerializer serializer;
    private final OutputStream documentOut;
    private final OutputStream ndjsonOut;
    private boolean anyServer;

    Pair(
        OutputStream documentOut,
        OutputStream ndjsonOut,
        Instant generatedAt,
        String classifierVersion,
        ExportOptions options,
        ToolHistoryLookup history)
        throws IOException {
      header = new Header(generatedAt, classifierVersion, options, history);
      serializer = new ServerSerializer(header);
      this.documentOut = documentOut;
      this.ndjsonOut = ndjsonOut;
      documentOut.write(documentStart(header));
      ndjsonOut.write(ndjsonHeader(header));
    }

    /** Adds one selected server ({@link ExportOptions#select}) to both files. */
    void add(CatalogueServer selected) throws IOException {
      documentOut.write(anyServer ? NEXT_SERVER : FIRST_SERVER);
      anyServer = true;
      Buffer json = serializer.serialize(selected);
      json.writeTo(documentOut, ndjsonOut);
      ndjsonOut.write(NEWLINE);
    }

    /**
     * Adds one server line of an earlier {@code catalogue.ndjson} (its bytes without the newline)
     * to both files, as it is: for an export update that keeps the unchanged servers.
     */
    void addLine(byte[] line, int length) throws IOException {
      documentOut.write(anyServer ? NEXT_SERVER : FIRST_SERVER);
      anyServer = true;
      documentOut.write(line, 0, length);
      ndjsonOut.write(line, 0, length);
      ndjsonOut.write(NEWLINE);
    }

    /** Ends both documents and flushes them. */
    void finish() throws IOException {
      documentOut.write(documentEnd(header, anyServer));
      documentOut.flush();
      ndjsonOut.flush();
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
    if (crawl.clientCapabilities() != null) {
      gen.writeFieldName("clientCapabilities");
      gen.writeTree(crawl.clientCapabilities());
    }
    gen.writeEndObject();
  }

  // Field names of the per-tool objects, encoded once (the hot path: ~15 per tool).
  private static final SerializedString F_NAME = new SerializedString("name");
  private static final SerializedString F_TITLE = new SerializedString("title");
  private static final SerializedString F_DESCRIPTION = new SerializedString("description");
  private static final SerializedString F_DEFINITION_HASH = new SerializedString("definitionHash");
  private static final SerializedString F_FIRST_SEEN = new SerializedString("firstSeen");
  private static final SerializedString F_LAST_CHANGED = new SerializedString("lastChanged");
  private static final SerializedString F_CATEGORY = new SerializedString("category");
  private static final SerializedString F_RISK_LEVEL = new SerializedString("riskLevel");
  private static final SerializedString F_ID = new SerializedString("id");
  private static final SerializedString F_EVIDENCE = new SerializedString("evidence");
  private static final SerializedString F_RATIONALE = new SerializedString("rationale");
  private static final SerializedString F_ACTION = new SerializedString("action");
  private static final SerializedString F_RULE = new SerializedString("rule");
  private static final SerializedString F_WINDOW = new SerializedString("window");
  private static final SerializedString F_ON_DENY = new SerializedString("onDeny");
  private static final SerializedString F_SCORE = new SerializedString("score");
  private static final SerializedString F_CONFIDENCE = new SerializedString("confidence");
  private static final SerializedString F_MAX = new SerializedString("max");
  private static final SerializedString F_ASSESSMENT = new SerializedString("assessment");
  private static final SerializedString F_POLICY = new SerializedString("policy");
  private static final SerializedString F_RATE_LIMIT = new SerializedString("rateLimit");
  private static final SerializedString F_SIGNALS = new SerializedString("signals");
  private static final SerializedString F_RULES = new SerializedString("rules");
  private static final SerializedString F_REQUIRED_ARGUMENTS =
      new SerializedString("requiredArguments");
  private static final SerializedString F_INPUT_SCHEMA = new SerializedString("inputSchema");
  private static final SerializedString F_ANNOTATIONS = new SerializedString("annotations");

  private static void stringField(JsonGenerator gen, SerializedString name, String value)
      throws IOException {
    gen.writeFieldName(name);
    gen.writeString(value);
  }

  private static void tool(JsonGenerator gen, String serverId, AssessedTool assessed, Header header)
      throws IOException {
    ToolDefinition tool = assessed.tool();
    gen.writeStartObject();
    stringField(gen, F_NAME, tool.name());
    stringField(gen, F_TITLE, tool.title());
    stringField(gen, F_DESCRIPTION, tool.description());
    tree(gen, F_INPUT_SCHEMA, tool.inputSchema());
    tree(gen, F_ANNOTATIONS, tool.annotationsJson());
    stringField(gen, F_DEFINITION_HASH, assessed.definitionHash());
    assessment(gen, assessed.assessment());
    policy(gen, header.options().policyFor(assessed));
    ToolDates history = header.history().find(serverId, tool.name());
    if (history != null && history.firstSeen() != null) {
      stringField(gen, F_FIRST_SEEN, history.firstSeen().toString());
    }
    if (history != null && history.lastChanged() != null) {
      stringField(gen, F_LAST_CHANGED, history.lastChanged().toString());
    }
    gen.writeEndObject();
  }

  private static void tree(JsonGenerator gen, SerializedString field, JsonNode node)
      throws IOException {
    gen.writeFieldName(field);
    if (node == null) {
      gen.writeNull();
    } else {
      gen.writeTree(node);
    }
  }

  private static void assessment(JsonGenerator gen, Assessment a) throws IOException {
    gen.writeFieldName(F_ASSESSMENT);
    gen.writeStartObject();
    stringField(gen, F_CATEGORY, a.category().label());
    stringField(gen, F_RISK_LEVEL, a.riskLevel().label());
    gen.writeFieldName(F_SCORE);
    gen.writeNumber(a.score());
    gen.writeFieldName(F_CONFIDENCE);
    gen.writeNumber(a.confidence());
    gen.writeFieldName(F_SIGNALS);
    gen.writeStartArray();
    for (Signal signal : a.signals()) {
      gen.writeStartObject();
      stringField(gen, F_ID, signal.id());
      stringField(gen, F_EVIDENCE, signal.evidence());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    stringField(gen, F_RATIONALE, a.rationale());
    gen.writeFieldName(F_RULES);
    gen.writeStartArray();
    for (String rule : a.rules()) {
      gen.writeString(rule);
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  private static void policy(JsonGenerator gen, PolicyRecommendation policy) throws IOException {
    gen.writeFieldName(F_POLICY);
    gen.writeStartObject();
    stringField(gen, F_ACTION, actionName(policy.action()));
    stringField(gen, F_RULE, policy.ruleName());
    if (policy.action() == PolicyAction.RATE_LIMIT) {
      gen.writeFieldName(F_RATE_LIMIT);
      gen.writeStartObject();
      gen.writeFieldName(F_MAX);
      gen.writeNumber(policy.rateLimitMax());
      stringField(gen, F_WINDOW, policy.rateLimitWindow());
      gen.writeEndObject();
    }
    if (!policy.requiredArguments().isEmpty()) {
      gen.writeFieldName(F_REQUIRED_ARGUMENTS);
      gen.writeStartArray();
      for (String argument : policy.requiredArguments()) {
        gen.writeString(argument);
      }
      gen.writeEndArray();
    }
    if (!policy.onDeny().isEmpty()) {
      stringField(gen, F_ON_DENY, policy.onDeny());
    }
    gen.writeEndObject();
  }

  /** The name of a policy action in the catalogue: {@code allow}, {@code rate_limit}, ... */
  static String actionName(PolicyAction action) {
    return action.name().toLowerCase(Locale.ROOT);
  }
}
