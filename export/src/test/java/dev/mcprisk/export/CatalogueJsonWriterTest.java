package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueJsonWriterTest {
  static final Instant GENERATED = Instant.parse("2026-11-21T03:00:00Z");

  @TempDir Path dir;

  static List<CatalogueServer> servers() {
    CatalogueServer files =
        catalogueServer(
            "io.github.example/files",
            List.of(
                assessed(tool("read_file", "path"), Category.READ, "Reads a file."),
                assessed(tool("delete_file", "path"), Category.DESTRUCTIVE, "Deletes a file.")));
    CatalogueServer never =
        new CatalogueServer(TestCatalogue.server("Zeta/server"), null, List.of());
    CatalogueServer npm =
        catalogueServer(
            "npm:@scope/pkg", List.of(assessed(tool("Run"), Category.EXECUTE, "Runs code.")));
    return List.of(npm, files, never);
  }

  @Test
  void writesTheDocumentedShapeSortedByIdAndName() throws Exception {
    Path file = dir.resolve("catalogue.json");
    long bytes = CatalogueJsonWriter.write(file, servers(), GENERATED, "1.2.0");
    assertEquals(Files.size(file), bytes);
    JsonNode root = Json.parse(Files.readString(file));
    assertEquals(
        List.of("schemaVersion", "generatedAt", "classifierVersion", "servers", "policyProfile"),
        fields(root));
    assertEquals("balanced", root.get("policyProfile").asText());
    assertEquals("1", root.get("schemaVersion").asText());
    assertEquals("2026-11-21T03:00:00Z", root.get("generatedAt").asText());
    assertEquals("1.2.0", root.get("classifierVersion").asText());
    JsonNode servers = root.get("servers");
    assertEquals("Zeta/server", servers.get(0).get("id").asText(), "ordinal: upper case first");
    assertEquals("io.github.example/files", servers.get(1).get("id").asText());
    assertEquals("npm:@scope/pkg", servers.get(2).get("id").asText());
    assertTrue(servers.get(0).get("crawl").isNull());

    JsonNode files = servers.get(1);
    assertEquals(
        List.of("id", "name", "description", "source", "packages", "remotes", "crawl", "tools"),
        fields(files));
    assertEquals("@example/files", files.get("packages").get(0).get("identifier").asText());
    assertEquals("https://example.com/mcp", files.get("remotes").get(0).get("url").asText());
    assertEquals(List.of("status", "at", "protocolVersion"), fields(files.get("crawl")));
    assertEquals("OK", files.get("crawl").get("status").asText());
    assertEquals("2026-11-21T02:00:00Z", files.get("crawl").get("at").asText());

    JsonNode delete = files.get("tools").get(0);
    assertEquals("delete_file", delete.get("name").asText());
    assertEquals(
        List.of(
            "name",
            "title",
            "description",
            "inputSchema",
            "annotations",
            "definitionHash",
            "assessment",
            "policy"),
        fields(delete));
    assertTrue(delete.get("title").isNull());
    assertEquals("path", delete.get("inputSchema").get("required").get(0).asText());
    assertEquals(
        tool("delete_file", "path").definitionHash(), delete.get("definitionHash").asText());
    JsonNode assessment = delete.get("assessment");
    assertEquals(
        List.of("category", "riskLevel", "score", "confidence", "signals", "rationale", "rules"),
        fields(assessment));
    assertEquals("Destructive", assessment.get("category").asText());
    assertEquals("Critical", assessment.get("riskLevel").asText());
    assertEquals("irreversible", assessment.get("signals").get(0).get("id").asText());
    assertEquals("Deletes a file.", assessment.get("rationale").asText());
    assertEquals("read_file", files.get("tools").get(1).get("name").asText());
  }

  @Test
  void sameCatalogueInAnyOrderGivesIdenticalBytes() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    List<CatalogueServer> shuffled = new ArrayList<>(servers());
    Collections.reverse(shuffled);
    CatalogueJsonWriter.write(a, servers(), GENERATED, "1.2.0");
    CatalogueJsonWriter.write(b, shuffled, GENERATED, "1.2.0");
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    CatalogueJsonWriter.write(a, servers(), GENERATED, "1.2.0");
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "rewrite is identical");
  }

  @Test
  void replacingLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("catalogue.json");
    CatalogueJsonWriter.write(file, servers(), GENERATED, "1");
    CatalogueJsonWriter.write(file, List.of(), GENERATED, "2");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
    assertEquals(0, Json.parse(Files.readString(file)).get("servers").size());
  }

  static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
