package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.PackageMetadata;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools stage's sink over a real H2 file store. */
class ToolCollectorTest {
  private static final Instant AT = Instant.parse("2026-11-21T02:00:00Z");

  @TempDir Path home;

  private static ToolCollector collector(CatalogueStore store, long run) {
    Map<String, ServerEntry> entries = new ConcurrentHashMap<>();
    return new ToolCollector(store, run, entries, f -> {}, n -> {});
  }

  static PackageMetadata metadata(String name, String version) {
    return new PackageMetadata(
        "npm",
        name,
        version,
        "Reads files.",
        List.of("mcp"),
        "https://github.com/example/" + name,
        "MIT",
        AT,
        "# " + name,
        true,
        "keyword mcp",
        AT);
  }

  @Test
  void packageMetadataIsKeptAndReplacedAtOnce() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      ToolCollector sink = collector(store, store.startRun("test", AT));
      sink.savePackageMetadata(metadata("files", "1.0.0"));
      sink.savePackageMetadata(metadata("files", "1.1.0"));
      sink.savePackageMetadata(metadata("mail", "0.1.0"));
    }
    assertEquals(
        List.of("npm|files|1.1.0|MIT|TRUE", "npm|mail|0.1.0|MIT|TRUE"),
        StoreRows.rows(
            home,
            "SELECT registry_type, identifier, version, license, mcp_server FROM package_metadata"
                + " ORDER BY identifier"));
  }

  @Test
  void fetchesAndASourceCrawlAreWrittenUnderTheRunFromConcurrentSources() throws Exception {
    long run;
    try (CatalogueStore store = CatalogueStore.open(home)) {
      run = store.startRun("test", AT);
      ToolCollector sink = collector(store, run);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String url = "https://registry.npmjs.org/p" + i;
          writes.add(
              pool.submit(
                  () -> {
                    sink.recordFetches(List.of(RegistryCollectorTest.fetch("npm", url, "OK")));
                    sink.accept(
                        PipelineSourcesTest.outcome(url, CrawlStatus.OK, "streamable-http"));
                  }));
        }
        for (Future<?> write : writes) {
          write.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      sink.recordSourceCrawl("npm", AT, AT.plusSeconds(5), true, 8);
      assertEquals(Optional.of(AT), store.lastCompleteCrawlStart("npm"));
      assertEquals(8, sink.outcomes());
      assertTrue(sink.hasUsable("https://registry.npmjs.org/p3"));
    }
    List<String> rows =
        StoreRows.rows(home, "SELECT DISTINCT run_id, source FROM fetch_log ORDER BY run_id");
    assertEquals(List.of(run + "|npm"), rows);
    assertEquals(
        List.of("8"), StoreRows.rows(home, "SELECT COUNT(*) FROM fetch_log WHERE run_id = " + run));
  }

  @Test
  void aStoreFailureIsThrownUncheckedWithTheStoresMessage() throws Exception {
    CatalogueStore store = CatalogueStore.open(home);
    ToolCollector sink = collector(store, store.startRun("test", AT));
    store.close();
    RegistryCollectorTest.assertStoreFailure(
        assertThrows(
            UncheckedStoreException.class,
            () -> sink.savePackageMetadata(metadata("files", "1.0.0"))));
    RegistryCollectorTest.assertStoreFailure(
        assertThrows(
            UncheckedStoreException.class,
            () ->
                sink.recordFetches(
                    List.of(RegistryCollectorTest.fetch("npm", "https://n.example/a", "OK")))));
    RegistryCollectorTest.assertStoreFailure(
        assertThrows(
            UncheckedStoreException.class, () -> sink.recordSourceCrawl("npm", AT, AT, true, 0)));
  }

  @Test
  void aFullBatchOfOutcomesIsWrittenWhenItIsAccepted() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      ToolCollector sink = collector(store, store.startRun("test", AT));
      for (int i = 0; i < ToolCollector.BATCH_SERVERS + 1; i++) {
        sink.accept(
            PipelineSourcesTest.outcome(
                "s" + i, CrawlStatus.OK, "stdio", PipelineSourcesTest.tool("t", "Reads.")));
      }
      assertEquals(1, sink.batches(), "the first 200 at once");
      assertEquals(ToolCollector.BATCH_SERVERS, store.counts().crawls());
      sink.flush();
      assertEquals(2, sink.batches());
      assertEquals(ToolCollector.BATCH_SERVERS + 1, store.counts().crawls());
    }
  }
}
