package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterUpdateTest {
  private static final Instant GENERATED = Instant.parse("2026-11-21T02:00:00Z");
  private static final Instant NEXT_NIGHT = Instant.parse("2026-11-22T02:00:00Z");

  @TempDir Path home;
  List<CatalogueServer> before;

  @BeforeEach
  void bundledCatalogue() {
    before = new ArrayList<>(TestCatalogue.bundled());
    before.sort(Comparator.comparing(s -> s.server().id()));
    assertTrue(before.size() >= 5, "the test needs five bundled servers");
  }

  /** The files of an export folder, by relative path, with their bytes. */
  static TreeMap<String, byte[]> files(Path dir) throws IOException {
    TreeMap<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void anUpdateWritesWhatAFullExportOfTheNewCatalogueWrites() throws Exception {
    Path updated = home.resolve("updated");
    ExportStats first = Exporter.writeAll(updated, before, GENERATED, "1.0.0");

    // the next night: one server gone, one with a tool fewer, one with no tools left, two new
    List<CatalogueServer> after = new ArrayList<>(before);
    CatalogueServer gone = after.remove(1);
    int shrunkAt = 2;
    while (after.get(shrunkAt).tools().size() < 2) {
      shrunkAt++;
    }
    CatalogueServer shrunk = after.get(shrunkAt);
    List<AssessedTool> fewer = new ArrayList<>(shrunk.tools());
    fewer.remove(0);
    CatalogueServer shrunkNow =
        new CatalogueServer(shrunk.server(), shrunk.crawl(), List.copyOf(fewer));
    after.set(shrunkAt, shrunkNow);
    int emptiedAt = shrunkAt == 2 ? 3 : 2;
    CatalogueServer emptied = after.get(emptiedAt);
    CatalogueServer emptiedNow = new CatalogueServer(emptied.server(), emptied.crawl(), List.of());
    after.set(emptiedAt, emptiedNow);
    CatalogueServer first0 = TestCatalogue.catalogueServer("aaa:new", before.get(0).tools());
    CatalogueServer last = TestCatalogue.catalogueServer("zzz:new", before.get(4).tools());
    after.add(0, first0);
    after.add(last);

    ExportStats stats =
        Exporter.update(
            updated,
            shrunkAt < emptiedAt
                ? List.of(first0, shrunkNow, emptiedNow, last)
                : List.of(first0, emptiedNow, shrunkNow, last),
            Set.of(gone.server().id()),
            NEXT_NIGHT,
            "1.0.0",
            ExportOptions.DEFAULTS,
            ToolHistoryLookup.NONE,
            first);
    // policy files of unchanged servers keep the earlier date, so compare with a full export
    // generated at the earlier time, then check the header separately
    Path full = home.resolve("full");
    ExportStats fullStats = Exporter.writeAll(full, after, GENERATED, "1.0.0");
    for (String name : List.of(Exporter.CATALOGUE_FILE, Exporter.NDJSON_FILE)) {
      String text = Files.readString(updated.resolve(name));
      assertTrue(text.contains("\"generatedAt\":\"" + NEXT_NIGHT + "\""), name);
      Files.writeString(
          updated.resolve(name),
          text.replace("\"generatedAt\":\"" + NEXT_NIGHT, "\"generatedAt\":\"" + GENERATED));
    }
    // the changed servers' policy files are dated by the update
    Path fullNextNight = home.resolve("full-next-night");
    Exporter.writeAll(fullNextNight, after, NEXT_NIGHT, "1.0.0");
    TreeMap<String, byte[]> expected = files(full);
    TreeMap<String, byte[]> nextNight = files(fullNextNight);
    for (CatalogueServer changed : List.of(first0, shrunkNow, last)) {
      String stem = ExportFileNames.forServer(changed.server().id());
      for (String name :
          List.of(
              Exporter.INTERCEPT_DIR + "/" + stem + ".yaml",
              Exporter.POLICYLAYER_DIR + "/" + stem + ".json")) {
        assertTrue(expected.containsKey(name), name);
        expected.put(name, nextNight.get(name));
      }
    }
    TreeMap<String, byte[]> actual = files(updated);
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    assertEquals(fullStats.servers(), stats.servers());
    assertEquals(fullStats.interceptFiles(), stats.interceptFiles());
    assertEquals(fullStats.policyLayerFiles(), stats.policyLayerFiles());
    assertEquals(fullStats.tools(), stats.tools());
    assertEquals(fullStats.bytes(), stats.bytes());
    try (Stream<Path> left = Files.list(updated)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")));
    }
  }

  @Test
  void anUpdateWithNothingChangedRewritesOnlyTheHeader() throws Exception {
    Path dir = home.resolve("export");
    ExportStats first = Exporter.writeAll(dir, before, GENERATED, "1.0.0");
    TreeMap<String, byte[]> was = files(dir);
    ExportStats stats =
        Exporter.update(
            dir,
            List.of(),
            Set.of(),
            GENERATED,
            "1.0.0",
            ExportOptions.DEFAULTS,
            ToolHistoryLookup.NONE,
            first);
    TreeMap<String, byte[]> now = files(dir);
    assertEquals(was.keySet(), now.keySet());
    was.forEach((name, bytes) -> assertArrayEquals(bytes, now.get(name), name));
    assertEquals(first.bytes(), stats.bytes());
    assertEquals(first.tools(), stats.tools());
  }

  @Test
  void changedServersOutOfIdOrderFailAndLeaveTheCatalogueFiles() throws Exception {
    Path dir = home.resolve("export");
    ExportStats first = Exporter.writeAll(dir, before, GENERATED, "1.0.0");
    byte[] catalogue = Files.readAllBytes(dir.resolve(Exporter.CATALOGUE_FILE));
    List<CatalogueServer> reversed = List.of(before.get(3), before.get(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Exporter.update(
                    dir,
                    reversed,
                    Set.of(),
                    NEXT_NIGHT,
                    "1.0.0",
                    ExportOptions.DEFAULTS,
                    ToolHistoryLookup.NONE,
                    first));
    assertTrue(e.getMessage().startsWith("servers are not in id order"), e.getMessage());
    assertArrayEquals(catalogue, Files.readAllBytes(dir.resolve(Exporter.CATALOGUE_FILE)));
    try (Stream<Path> left = Files.list(dir)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")));
    }
  }

  @Test
  void aFolderThatIsNotAnExportIsRefused() throws Exception {
    Path dir = Files.createDirectories(home.resolve("not-an-export"));
    ExportStats none = new ExportStats(0, 0, 0, 0, 0, RuleCounts.ZERO);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Exporter.update(
                    dir,
                    List.of(),
                    Set.of(),
                    GENERATED,
                    "1.0.0",
                    ExportOptions.DEFAULTS,
                    ToolHistoryLookup.NONE,
                    none));
    assertTrue(e.getMessage().contains("not an export folder"), e.getMessage());
  }
}
