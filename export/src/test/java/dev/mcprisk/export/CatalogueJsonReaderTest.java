package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.RiskLevel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-field tests of catalogue.json: missing → absent, unknown → ignored on reading back. */
class CatalogueJsonReaderTest {
  static final Instant GENERATED = Instant.parse("2026-11-21T03:00:00Z");
  static final Instant FIRST = Instant.parse("2025-06-01T00:00:00Z");
  static final Instant CHANGED = Instant.parse("2026-11-20T10:00:00Z");

  @TempDir Path dir;

  static final CatalogueServer SERVER =
      catalogueServer(
          "io.github.example/files",
          List.of(
              assessed(tool("read_file", "path"), Category.READ, "Reads a file."),
              assessed(tool("run", "cmd", "cwd"), Category.EXECUTE, "Runs a command."),
              assessed(tool("delete_file", "path"), Category.DESTRUCTIVE, "Deletes a file.")));

  static final ToolHistoryLookup HISTORY =
      (server, tool) ->
          switch (tool) {
            case "read_file" -> new ToolDates(FIRST, CHANGED);
            case "run" -> new ToolDates(FIRST, null);
            default -> null;
          };

  Path write(List<CatalogueServer> servers, ToolHistoryLookup history) throws Exception {
    Path file = dir.resolve("catalogue.json");
    CatalogueJsonWriter.write(file, servers, GENERATED, "1.2.0", ExportOptions.DEFAULTS, history);
    return file;
  }

  static JsonNode toolJson(Path file, String name) throws Exception {
    for (JsonNode tool : Json.parse(Files.readString(file)).at("/servers/0/tools")) {
      if (tool.get("name").asText().equals(name)) {
        return tool;
      }
    }
    throw new AssertionError("no tool " + name);
  }

  @Test
  void aLiveCrawlsClientCapabilitiesAreWrittenAndReadBack() throws Exception {
    JsonNode announced = Json.parse("{\"roots\":{\"listChanged\":true},\"sampling\":{}}");
    CatalogueServer live =
        new CatalogueServer(
            SERVER.server(),
            new CrawlSummary(
                CrawlStatus.OK, "", TestCatalogue.CRAWLED, "stdio", "2025-06-18", announced),
            SERVER.tools());
    Path file = write(List.of(live), HISTORY);

    assertEquals(
        "{\"roots\":{\"listChanged\":true},\"sampling\":{}}",
        Json.write(Json.parse(Files.readString(file)).at("/servers/0/crawl/clientCapabilities")));
    assertEquals(
        new ExportedCrawl("OK", TestCatalogue.CRAWLED, "2025-06-18", announced),
        CatalogueJsonReader.read(file).servers().get(0).crawl());
    assertTrue(
        Json.parse(Files.readString(write(List.of(SERVER), HISTORY)))
            .at("/servers/0/crawl")
            .path("clientCapabilities")
            .isMissingNode(),
        "a recorded answer has no clientCapabilities");
  }

  @Test
  void readsBackEveryField() throws Exception {
    CatalogueDocument doc = CatalogueJsonReader.read(write(List.of(SERVER), HISTORY));
    assertEquals(new CatalogueHeader("1", GENERATED, "1.2.0", "balanced"), doc.header());
    ExportedServer server = doc.servers().get(0);
    assertEquals("io.github.example/files", server.id());
    assertEquals("@example/files", server.packages().get(0).identifier());
    assertEquals("https://example.com/mcp", server.remotes().get(0).url());
    assertEquals(
        new ExportedCrawl("OK", TestCatalogue.CRAWLED, "2025-06-18", null), server.crawl());
    assertEquals(
        List.of("delete_file", "read_file", "run"),
        server.tools().stream().map(ExportedTool::name).toList());
    ExportedTool run = server.tools().get(2);
    assertEquals(tool("run", "cmd", "cwd").definitionHash(), run.definitionHash());
    assertEquals(Category.EXECUTE, run.assessment().category());
    assertEquals(RiskLevel.HIGH, run.assessment().riskLevel());
    assertEquals(
        new ExportedPolicy(
            "rate_limit",
            "execute rate limit",
            new ExportedRateLimit(10, "minute"),
            List.of("cmd", "cwd"),
            "Slow down."),
        run.policy());
    assertEquals(FIRST, run.firstSeen());
    assertNull(run.lastChanged());
    assertEquals("path", server.tools().get(0).inputSchema().at("/required/0").asText());
  }

  @Test
  void historyFieldsAreAbsentWhenUnknownAndPresentOnlyWhenKnown() throws Exception {
    Path file = write(List.of(SERVER), HISTORY);
    JsonNode delete = toolJson(file, "delete_file");
    assertFalse(delete.has("firstSeen"));
    assertFalse(delete.has("lastChanged"));
    JsonNode run = toolJson(file, "run");
    assertEquals(FIRST.toString(), run.get("firstSeen").asText());
    assertFalse(run.has("lastChanged"));
    JsonNode read = toolJson(file, "read_file");
    assertEquals(CHANGED.toString(), read.get("lastChanged").asText());
    Path none = write(List.of(SERVER), ToolHistoryLookup.NONE);
    assertFalse(toolJson(none, "read_file").has("firstSeen"));
  }

  @Test
  void policyFieldsAreAbsentWhenTheyHaveNoValue() throws Exception {
    Path file = write(List.of(SERVER), HISTORY);
    assertEquals(
        Json.parse("{\"action\":\"allow\",\"rule\":\"allow read\"}"),
        toolJson(file, "read_file").get("policy"));
    JsonNode deny = toolJson(file, "delete_file").get("policy");
    assertEquals("deny", deny.get("action").asText());
    assertFalse(deny.has("rateLimit"));
    assertFalse(deny.has("requiredArguments"));
    assertTrue(deny.has("onDeny"));
  }

  @Test
  void version1FieldsStayPresentAsNull() throws Exception {
    CatalogueServer bare =
        new CatalogueServer(
            new dev.mcprisk.model.ServerEntry(
                "bare", "bare", null, null, null, null, null, null, "registry", null),
            null,
            List.of(
                assessed(
                    dev.mcprisk.model.ToolDefinition.of(Json.parse("{\"name\":\"x\"}")),
                    Category.OTHER,
                    "Unknown.")));
    Path file = write(List.of(bare), ToolHistoryLookup.NONE);
    JsonNode server = Json.parse(Files.readString(file)).at("/servers/0");
    assertTrue(server.get("description").isNull());
    assertTrue(server.get("crawl").isNull());
    JsonNode tool = server.at("/tools/0");
    for (String field : List.of("title", "description", "inputSchema", "annotations")) {
      assertTrue(tool.get(field).isNull(), field);
    }
    ExportedTool read = CatalogueJsonReader.read(file).servers().get(0).tools().get(0);
    assertNull(read.title());
    assertNull(read.inputSchema());
    assertNull(read.annotations());
    assertNull(CatalogueJsonReader.read(file).servers().get(0).crawl());
  }

  @Test
  void declaredAnnotationsAreExportedExactlyAsDeclared() throws Exception {
    var declared =
        dev.mcprisk.model.ToolDefinition.of(
            Json.parse(
                "{\"name\":\"rm\",\"annotations\":{\"readOnlyHint\":true,\"destructiveHint\":\"yes\","
                    + "\"vendorHint\":{\"x\":1}}}"));
    Path file =
        write(
            List.of(catalogueServer("s", List.of(assessed(declared, Category.DESTRUCTIVE, "Rm.")))),
            ToolHistoryLookup.NONE);
    assertEquals(declared.annotationsJson(), toolJson(file, "rm").get("annotations"));
    assertEquals(
        declared.annotationsJson(),
        CatalogueJsonReader.read(file).servers().get(0).tools().get(0).annotations());
  }

  @Test
  void unknownFieldsAtEveryLevelAreIgnored() throws Exception {
    Path file = write(List.of(SERVER), HISTORY);
    CatalogueDocument before = CatalogueJsonReader.read(file);
    ObjectNode root = (ObjectNode) Json.parse(Files.readString(file));
    root.put("zzUnknown", 1);
    root.putObject("aaUnknown").putArray("deep").addObject().put("x", 1);
    ObjectNode server = (ObjectNode) root.at("/servers/0");
    server.put("unknown", "x");
    ((ObjectNode) server.get("crawl")).put("unknown", true);
    ((ObjectNode) server.at("/packages/0")).put("unknown", 2);
    ((ObjectNode) server.at("/remotes/0")).putArray("unknown");
    for (JsonNode tool : server.get("tools")) {
      ((ObjectNode) tool).put("unknown", "y");
      ((ObjectNode) tool.get("assessment")).put("unknown", 3);
      ((ObjectNode) tool.at("/assessment/signals/0")).put("unknown", 4);
      ((ObjectNode) tool.get("policy")).putObject("unknown");
      if (tool.at("/policy/rateLimit").isObject()) {
        ((ObjectNode) tool.at("/policy/rateLimit")).put("burst", 5);
      }
    }
    Files.writeString(file, Json.writePretty(root));
    assertEquals(before, CatalogueJsonReader.read(file));
  }

  @Test
  void documentWithoutTheAddedFieldsStillReads() throws Exception {
    Path file = write(List.of(SERVER), HISTORY);
    ObjectNode root = (ObjectNode) Json.parse(Files.readString(file));
    root.remove("policyProfile");
    for (JsonNode tool : root.at("/servers/0/tools")) {
      ((ObjectNode) tool).remove(List.of("policy", "firstSeen", "lastChanged"));
    }
    Files.writeString(file, Json.write(root));
    CatalogueDocument doc = CatalogueJsonReader.read(file);
    assertNull(doc.header().policyProfile());
    for (ExportedTool tool : doc.servers().get(0).tools()) {
      assertNull(tool.policy());
      assertNull(tool.firstSeen());
    }
  }

  @Test
  void missingRequiredHeaderFieldIsAnIoErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"schemaVersion\":\"1\",\"servers\":[]}");
    java.io.IOException e =
        assertThrows(java.io.IOException.class, () -> CatalogueJsonReader.read(file));
    assertTrue(e.getMessage().startsWith(file + ": bad catalogue header"), e.getMessage());
  }

  @Test
  void ndjsonReadsBackTheSameServers() throws Exception {
    List<CatalogueServer> servers = TestCatalogue.bundled();
    Path json = write(servers, HISTORY);
    Path ndjson = dir.resolve("catalogue.ndjson");
    CatalogueJsonWriter.writeNdjson(
        ndjson, servers, GENERATED, "1.2.0", ExportOptions.DEFAULTS, HISTORY);
    List<ExportedServer> lines = new ArrayList<>();
    CatalogueHeader header = CatalogueJsonReader.forEachNdjsonServer(ndjson, lines::add);
    CatalogueDocument doc = CatalogueJsonReader.read(json);
    assertEquals(doc.header(), header);
    assertEquals(doc.servers(), lines);
  }

  @Test
  void streamingWriterRefusesServersOutOfIdOrder() {
    Iterator<CatalogueServer> unordered =
        List.of(catalogueServer("b", List.of()), catalogueServer("a", List.of())).iterator();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CatalogueJsonWriter.writeDocument(
                    new ByteArrayOutputStream(),
                    unordered,
                    GENERATED,
                    "1",
                    ExportOptions.DEFAULTS,
                    ToolHistoryLookup.NONE));
    assertEquals("servers are not in id order: 'a' after 'b'", e.getMessage());
  }

  @Test
  void streamingWriterTakesServersOneAtATimeFromAnIterator() throws Exception {
    int count = 2_000;
    Iterator<CatalogueServer> generated =
        new Iterator<>() {
          int next = 0;

          @Override
          public boolean hasNext() {
            return next < count;
          }

          @Override
          public CatalogueServer next() {
            String id = String.format("s%06d", next++);
            return catalogueServer(id, List.of(assessed(tool("t", "a"), Category.WRITE, "W.")));
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogueJsonWriter.writeNdjsonLines(
        out, generated, GENERATED, "1", ExportOptions.DEFAULTS, ToolHistoryLookup.NONE);
    String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
    assertEquals(count + 1, lines.length);
    assertEquals("s001999", Json.parse(lines[count]).get("id").asText());
    assertEquals(Map.of(), Map.of());
  }
}
