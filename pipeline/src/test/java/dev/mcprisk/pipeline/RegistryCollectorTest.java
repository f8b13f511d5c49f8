package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RefusedServer;
import dev.mcprisk.store.ServerUpsert;
import dev.mcprisk.store.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry stage's sink over a real H2 file store. */
class RegistryCollectorTest {
  private static final Instant AT = Instant.parse("2026-11-21T02:00:00Z");

  @TempDir Path home;

  static FetchRecord fetch(String source, String url, String outcome) {
    return new FetchRecord(AT, source, url, 200, 10, 5, outcome, "", 1, false);
  }

  @Test
  void serversAreStoredAtOnceAndTheRefusedOnesReturned() throws Exception {
    String tooLong = "x".repeat(CatalogueStore.MAX_SERVER_ID_CHARS + 1);
    try (CatalogueStore store = CatalogueStore.open(home)) {
      long run = store.startRun("test", AT);
      List<Failure> failures = new ArrayList<>();
      RegistryCollector sink = new RegistryCollector(store, run, failures::add);
      ServerUpsert upsert =
          sink.upsertServers(
              List.of(
                  PipelineSourcesTest.entry("a", "1.0.0", "registry-api"),
                  PipelineSourcesTest.entry(tooLong, "1.0.0", "registry-api")));
      assertEquals(1, upsert.inserted());
      assertEquals(
          List.of(new RefusedServer(tooLong, "id is 2049 chars, the store holds 2048")),
          upsert.refused(),
          "the id is cut for display");
      assertEquals(List.of("a"), store.serverEntries().stream().map(ServerEntry::id).toList());
      assertEquals(List.of(), failures, "the source reports the refused ones, not the sink");
      assertTrue(sink.entries().isEmpty(), "storing an entry does not accept it");
    }
  }

  @Test
  void fetchesAndTheSourceCrawlAreWrittenUnderTheRun() throws Exception {
    long run;
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.startRun("earlier", AT);
      run = store.startRun("test", AT);
      RegistryCollector sink = new RegistryCollector(store, run, f -> {});
      sink.recordFetches(
          List.of(
              fetch("registry-api", "https://r.example/v0.1/servers", "OK"),
              fetch("registry-api", "https://r.example/v0.1/servers?cursor=2", "REJECTED")));
      sink.recordFetches(List.of());
      sink.recordSourceCrawl("registry-api", AT, AT.plusSeconds(30), true, 2);
      sink.recordSourceCrawl("registry-api", AT.plusSeconds(60), AT.plusSeconds(90), false, 1);
      assertEquals(Optional.of(AT), store.lastCompleteCrawlStart("registry-api"));
      assertEquals(2, store.fetchLog(false, "registry-api", 10).size());
    }
    assertEquals(
        List.of(
            run + "|https://r.example/v0.1/servers|OK",
            run + "|https://r.example/v0.1/servers?cursor=2|REJECTED"),
        StoreRows.rows(home, "SELECT run_id, url, outcome FROM fetch_log ORDER BY id"));
    assertEquals(
        List.of("registry-api|TRUE|2", "registry-api|FALSE|1"),
        StoreRows.rows(home, "SELECT source, complete, entries FROM source_crawls ORDER BY id"));
  }

  @Test
  void aStoreFailureIsThrownUncheckedWithTheStoresMessage() throws Exception {
    CatalogueStore store = CatalogueStore.open(home);
    long run = store.startRun("test", AT);
    RegistryCollector sink = new RegistryCollector(store, run, f -> {});
    store.close();
    UncheckedStoreException upsert =
        assertThrows(
            UncheckedStoreException.class,
            () -> sink.upsertServers(List.of(PipelineSourcesTest.entry("a", "1", "npm"))));
    assertStoreFailure(upsert);
    assertStoreFailure(
        assertThrows(
            UncheckedStoreException.class,
            () -> sink.recordFetches(List.of(fetch("npm", "https://n.example/a", "OK")))));
    assertStoreFailure(
        assertThrows(
            UncheckedStoreException.class,
            () -> sink.recordSourceCrawl("registry-api", AT, AT, true, 0)));
  }

  static void assertStoreFailure(UncheckedStoreException e) {
    StoreException cause = assertInstanceOf(StoreException.class, e.getCause());
    assertEquals(cause.getMessage(), e.getMessage());
    assertTrue(e.getMessage().startsWith("catalogue database at "), e.getMessage());
  }

  @Test
  void aHigherVersionSupersedesAndRejectionsAreRegistryFailures() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<Failure> failures = new ArrayList<>();
      RegistryCollector sink = new RegistryCollector(store, store.startRun("t", AT), failures::add);
      sink.accept(PipelineSourcesTest.entry("a", "1.0.0", "registry-api"));
      sink.accept(PipelineSourcesTest.entry("a", "2.0.0", "registry-api"));
      sink.accept(PipelineSourcesTest.entry("a", "1.5.0", "registry-api"));
      sink.rejected("registry-api entry #3", "no name");
      sink.count(SourceCount.REGISTRY_PAGES, 2);
      assertEquals("2.0.0", sink.entries().get("a").version());
      assertEquals(
          List.of(new Failure("registry", "registry-api entry #3", "REJECTED", "no name")),
          failures);
      assertEquals(2L, sink.counts().get("superseded"));
      assertEquals(1L, sink.counts().get("rejected"));
      assertEquals(2L, sink.counts().get(SourceCount.REGISTRY_PAGES.key()));
      assertEquals(List.of(), store.serverEntries(), "accepting an entry does not store it");
    }
  }
}
