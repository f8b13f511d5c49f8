package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CatalogueServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterStreamingTest {
  private static final Instant GENERATED = Instant.parse("2026-11-21T02:00:00Z");

  @TempDir Path home;

  @Test
  void aStreamedCatalogueIsReadOnceAndWritesWhatAListWrites() throws Exception {
    List<CatalogueServer> sorted = new ArrayList<>(TestCatalogue.bundled());
    sorted.sort(Comparator.comparing(s -> s.server().id()));
    List<CatalogueServer> shuffled = new ArrayList<>(sorted);
    java.util.Collections.reverse(shuffled);
    AtomicInteger iterations = new AtomicInteger();
    Iterable<CatalogueServer> streamed =
        () -> {
          iterations.incrementAndGet();
          return sorted.iterator();
        };
    ExportStats fromList = Exporter.writeAll(home.resolve("list"), shuffled, GENERATED, "1.0.0");
    ExportStats fromStream =
        Exporter.writeAll(home.resolve("stream"), streamed, GENERATED, "1.0.0");
    assertEquals(1, iterations.get());
    assertEquals(fromList, fromStream);
    for (String file :
        List.of(Exporter.CATALOGUE_FILE, Exporter.NDJSON_FILE, "intercept", "policylayer")) {
      Path a = home.resolve("list").resolve(file);
      Path b = home.resolve("stream").resolve(file);
      if (Files.isDirectory(a)) {
        try (var files = Files.list(a)) {
          for (Path p : files.toList()) {
            assertArrayEquals(
                Files.readAllBytes(p), Files.readAllBytes(b.resolve(p.getFileName())));
          }
        }
      } else {
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), file);
      }
    }
  }

  @Test
  void everyFormatWritesFromAStreamWhatItWritesFromAList() throws Exception {
    List<CatalogueServer> sorted = new ArrayList<>(TestCatalogue.bundled());
    sorted.sort(Comparator.comparing(s -> s.server().id()));
    List<CatalogueServer> shuffled = new ArrayList<>(sorted);
    java.util.Collections.reverse(shuffled);
    ExportOptions minHigh = ExportOptions.DEFAULTS.withMinRisk(dev.mcprisk.model.RiskLevel.HIGH);
    for (ExportFormat format : ExportFormat.values()) {
      AtomicInteger iterations = new AtomicInteger();
      Iterable<CatalogueServer> streamed =
          () -> {
            iterations.incrementAndGet();
            return sorted.iterator();
          };
      Path a = home.resolve("list-" + format.label());
      Path b = home.resolve("stream-" + format.label());
      ExportStats fromList = Exporter.export(format, shuffled, minHigh, a, GENERATED, "1.0.0");
      ExportStats fromStream = Exporter.export(format, streamed, minHigh, b, GENERATED, "1.0.0");
      assertEquals(1, iterations.get(), format.label());
      assertEquals(fromList, fromStream, format.label());
      assertTrue(fromList.servers() > 0, format.label());
      if (Files.isDirectory(a)) {
        try (var files = Files.list(a)) {
          for (Path p : files.toList()) {
            assertArrayEquals(
                Files.readAllBytes(p), Files.readAllBytes(b.resolve(p.getFileName())));
          }
        }
      } else {
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), format.label());
      }
    }
    List<CatalogueServer> reversed = shuffled;
    Iterable<CatalogueServer> outOfOrder = reversed::iterator;
    Path file = home.resolve("out-of-order.json");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Exporter.export(
                ExportFormat.CATALOGUE,
                outOfOrder,
                ExportOptions.DEFAULTS,
                file,
                GENERATED,
                "1.0.0"));
    assertFalse(Files.exists(file));
  }

  @Test
  void aStreamOutOfIdOrderFailsAndLeavesThePreviousExport() throws Exception {
    Path export = home.resolve("export");
    List<CatalogueServer> servers = new ArrayList<>(TestCatalogue.bundled());
    Exporter.writeAll(export, servers, GENERATED, "1.0.0");
    byte[] before = Files.readAllBytes(export.resolve(Exporter.CATALOGUE_FILE));
    servers.sort(Comparator.comparing((CatalogueServer s) -> s.server().id()).reversed());
    Iterable<CatalogueServer> reversed = servers::iterator;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Exporter.writeAll(export, reversed, GENERATED, "2.0.0"));
    assertTrue(e.getMessage().startsWith("servers are not in id order"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(export.resolve(Exporter.CATALOGUE_FILE)));
    try (var siblings = Files.list(home)) {
      assertFalse(siblings.anyMatch(p -> p.getFileName().toString().startsWith(".export.")));
    }
  }
}
