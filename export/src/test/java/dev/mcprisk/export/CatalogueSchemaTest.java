package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CatalogueServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exports validate against {@code catalogue.schema.json} with a maintained validator (networknt
 * json-schema-validator, draft 2020-12, formats asserted). A strict copy of the schema, with {@code
 * additionalProperties: false} on every described object, proves that the schema names every field
 * the writer emits.
 */
class CatalogueSchemaTest {
  static final Instant GENERATED = Instant.parse("2026-11-21T03:00:00Z");

  @TempDir Path dir;

  static JsonNode schemaJson() throws Exception {
    try (InputStream in =
        CatalogueJsonWriter.class.getResourceAsStream(CatalogueJsonWriter.SCHEMA_RESOURCE)) {
      return Json.MAPPER.readTree(in);
    }
  }

  static JsonSchema schema(JsonNode json) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json, config);
  }

  /** The schema with {@code additionalProperties: false} wherever an object lists properties. */
  static JsonNode strict(JsonNode node) {
    JsonNode copy = node.deepCopy();
    close(copy);
    return copy;
  }

  private static void close(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode type = object.get("type");
      if (type != null
          && type.asText().equals("object")
          && object.has("properties")
          && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        close(it.next().getValue());
      }
    } else if (node.isArray()) {
      node.forEach(CatalogueSchemaTest::close);
    }
  }

  static List<CatalogueServer> catalogue() {
    List<CatalogueServer> servers = new ArrayList<>(ExporterFormatsTest.catalogue());
    servers.add(new CatalogueServer(TestCatalogue.server("never-crawled"), null, List.of()));
    return servers;
  }

  /** Dates for every other tool, some with only firstSeen. */
  static final ToolHistoryLookup HISTORY =
      (server, tool) ->
          switch (Math.floorMod((server + tool).hashCode(), 3)) {
            case 0 -> null;
            case 1 -> new ToolDates(Instant.parse("2026-01-02T03:04:05Z"), null);
            default ->
                new ToolDates(
                    Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2026-11-20T10:00:00Z"));
          };

  @Test
  void bundledExportValidatesAgainstTheStrictSchemaUnderEveryOption() throws Exception {
    JsonSchema strict = schema(strict(schemaJson()));
    List<ExportOptions> variants =
        List.of(
            ExportOptions.DEFAULTS,
            ExportOptions.DEFAULTS.withProfile("strict", TestCatalogue.STRICT),
            ExportOptions.DEFAULTS.withHideDestructive(true).withDefaultDeny(true));
    for (ExportOptions options : variants) {
      Path file = dir.resolve(options.profile() + options.hideDestructive() + ".json");
      Exporter.export(
          ExportFormat.CATALOGUE, catalogue(), options, file, GENERATED, "1.0.0", HISTORY);
      JsonNode document = Json.parse(Files.readString(file));
      Set<ValidationMessage> errors = strict.validate(document);
      assertEquals(Set.of(), errors, options.toString());
      assertEquals(catalogue().size(), document.get("servers").size());
    }
  }

  @Test
  void ndjsonHeaderAndLinesRebuildTheCatalogueDocumentExactly() throws Exception {
    Path json = dir.resolve("catalogue.json");
    Path ndjson = dir.resolve("catalogue.ndjson");
    Exporter.export(
        ExportFormat.CATALOGUE, catalogue(), ExportOptions.DEFAULTS, json, GENERATED, "1", HISTORY);
    Exporter.export(
        ExportFormat.NDJSON, catalogue(), ExportOptions.DEFAULTS, ndjson, GENERATED, "1", HISTORY);
    List<String> lines = Files.readAllLines(ndjson);
    assertEquals(catalogue().size() + 1, lines.size());
    ObjectNode header = (ObjectNode) Json.parse(lines.get(0));
    assertEquals(
        Set.of(),
        schema(strict(schemaJson()).at("/$defs/header").deepCopy()).validate(header),
        "header line");
    ObjectNode rebuilt = Json.object();
    rebuilt.put("schemaVersion", header.get("schemaVersion").asText());
    rebuilt.put("generatedAt", header.get("generatedAt").asText());
    rebuilt.put("classifierVersion", header.get("classifierVersion").asText());
    ArrayNode servers = rebuilt.putArray("servers");
    for (String line : lines.subList(1, lines.size())) {
      assertTrue(!line.contains("\n") && line.startsWith("{\"id\":"), line);
      servers.add(Json.parse(line));
    }
    rebuilt.put("policyProfile", header.get("policyProfile").asText());
    assertEquals(Json.parse(Files.readString(json)), rebuilt);
  }

  @Test
  void schemaRejectsDocumentsThatBreakTheContract() throws Exception {
    JsonSchema schema = schema(schemaJson());
    Path file = dir.resolve("c.json");
    CatalogueJsonWriter.write(file, ExporterFormatsTest.catalogue(), GENERATED, "1");
    String good = Files.readString(file);
    assertEquals(Set.of(), schema.validate(Json.parse(good)));

    ObjectNode noVersion = (ObjectNode) Json.parse(good);
    noVersion.remove("schemaVersion");
    assertInvalid(schema, noVersion, "schemaVersion");

    ObjectNode badCategory = (ObjectNode) Json.parse(good);
    ((ObjectNode) badCategory.at("/servers/0/tools/0/assessment")).put("category", "Harmless");
    assertInvalid(schema, badCategory, "category");

    ObjectNode rateWithoutLimit = (ObjectNode) Json.parse(good);
    ObjectNode policy = (ObjectNode) rateWithoutLimit.at("/servers/0/tools/0/policy");
    policy.put("action", "rate_limit");
    policy.remove("rateLimit");
    assertInvalid(schema, rateWithoutLimit, "rateLimit");

    ObjectNode badDate = (ObjectNode) Json.parse(good);
    badDate.put("generatedAt", "yesterday");
    assertInvalid(schema, badDate, "generatedAt");

    ObjectNode badHash = (ObjectNode) Json.parse(good);
    ((ObjectNode) badHash.at("/servers/0/tools/0")).put("definitionHash", "ABC");
    assertInvalid(schema, badHash, "definitionHash");
  }

  @Test
  void laterFieldsAreAcceptedByThePublishedSchema() throws Exception {
    Path file = dir.resolve("c.json");
    CatalogueJsonWriter.write(file, ExporterFormatsTest.catalogue(), GENERATED, "1");
    ObjectNode later = (ObjectNode) Json.parse(Files.readString(file));
    later.put("addedLater", 1);
    ((ObjectNode) later.at("/servers/0/tools/0")).put("addedLater", true);
    assertEquals(Set.of(), schema(schemaJson()).validate(later));
    assertInvalid(schema(strict(schemaJson())), later, "addedLater");
  }

  static void assertInvalid(JsonSchema schema, JsonNode document, String mentioned) {
    Set<ValidationMessage> errors = schema.validate(document);
    assertTrue(
        errors.stream().anyMatch(e -> e.toString().contains(mentioned)),
        "expected an error naming " + mentioned + " in " + errors);
  }
}
