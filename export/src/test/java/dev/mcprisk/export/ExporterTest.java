package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
  static final Instant GENERATED = Instant.parse("2026-11-21T03:00:00Z");

  @TempDir Path home;

  @Test
  void writesCatalogueAndOnePolicyPairPerServerWithTools() throws Exception {
    List<CatalogueServer> servers = new ArrayList<>(TestCatalogue.bundled());
    servers.add(new CatalogueServer(TestCatalogue.server("no-tools"), null, List.of()));
    Path export = home.resolve("export");
    ExportStats stats = Exporter.writeAll(export, servers, GENERATED, "1.0.0");

    int withTools = servers.size() - 1;
    long tools = servers.stream().mapToLong(s -> s.tools().size()).sum();
    assertEquals(
        new ExportStats(servers.size(), withTools, withTools, stats.bytes(), tools, stats.rules()),
        stats);
    assertTrue(Files.exists(export.resolve("catalogue.ndjson")));
    assertEquals(withTools, count(export.resolve("intercept")));
    assertEquals(withTools, count(export.resolve("policylayer")));
    assertEquals(totalBytes(export), stats.bytes());
    assertEquals(
        servers.size(),
        Json.parse(Files.readString(export.resolve("catalogue.json"))).get("servers").size());
    try (Stream<Path> files = Files.list(export.resolve("intercept"))) {
      for (Path file : files.toList()) {
        assertEquals(
            List.of(), InterceptPolicyValidator.validate(Files.readString(file)), file.toString());
      }
    }
  }

  @Test
  void hostileServerIdsStayInsideTheFolderWithoutCollisions() throws Exception {
    List<CatalogueServer> servers = new ArrayList<>();
    for (String id : ExportFileNamesTest.IDS) {
      servers.add(catalogueServer(id, List.of(assessed(tool("t"), Category.READ, "Reads."))));
    }
    Path export = home.resolve("export");
    ExportStats stats = Exporter.writeAll(export, servers, GENERATED, "1.0.0");
    assertEquals(ExportFileNamesTest.IDS.size(), stats.interceptFiles());
    assertEquals(ExportFileNamesTest.IDS.size(), count(export.resolve("intercept")));
    assertEquals(ExportFileNamesTest.IDS.size(), count(export.resolve("policylayer")));
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : all.toList()) {
        assertTrue(p.normalize().startsWith(home), p.toString());
      }
    }
  }

  @Test
  void secondExportReplacesTheFirstAndLeavesNoSiblings() throws Exception {
    Path export = home.resolve("export");
    Exporter.writeAll(export, TestCatalogue.bundled(), GENERATED, "1.0.0");
    Files.writeString(export.resolve("intercept/stale.yaml"), "old");
    List<CatalogueServer> one =
        List.of(catalogueServer("only", List.of(assessed(tool("t"), Category.WRITE, "Writes."))));
    ExportStats stats = Exporter.writeAll(export, one, GENERATED, "1.0.1");
    assertEquals(1, stats.interceptFiles());
    assertFalse(Files.exists(export.resolve("intercept/stale.yaml")));
    assertTrue(Files.exists(export.resolve("intercept/only.yaml")));
    try (Stream<Path> siblings = Files.list(home)) {
      assertEquals(List.of(export), siblings.toList());
    }
  }

  @Test
  void crashLeftoversAreCleanedAndAMissingExportIsRecovered() throws Exception {
    Path export = home.resolve("export");
    Files.createDirectories(home.resolve(".export.writing-1/intercept"));
    Path previous = Files.createDirectories(home.resolve(".export.previous-2"));
    Files.writeString(previous.resolve("catalogue.json"), "{}");
    Exporter.writeAll(export, List.of(), GENERATED, "1.0.0");
    try (Stream<Path> siblings = Files.list(home)) {
      assertEquals(List.of(export), siblings.toList());
    }
    assertTrue(Files.readString(export.resolve("catalogue.json")).contains("\"servers\""));
  }

  @Test
  void failedExportLeavesThePreviousOneInPlace() throws Exception {
    Path export = home.resolve("export");
    Exporter.writeAll(export, TestCatalogue.bundled(), GENERATED, "1.0.0");
    byte[] before = Files.readAllBytes(export.resolve("catalogue.json"));
    List<CatalogueServer> clash =
        List.of(
            catalogueServer("dup", List.of(assessed(tool("t"), Category.READ, "Reads."))),
            catalogueServer("dup", List.of(assessed(tool("u"), Category.READ, "Reads."))));
    assertThrows(
        IllegalStateException.class, () -> Exporter.writeAll(export, clash, GENERATED, "2"));
    assertEquals(new String(before), Files.readString(export.resolve("catalogue.json")));
    try (Stream<Path> siblings = Files.list(home)) {
      assertEquals(List.of(export), siblings.toList());
    }
  }

  static long count(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  static long totalBytes(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      long sum = 0;
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }
}
