package dev.mcprisk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.model.ServerEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchLogStoreTest {
  private static final Instant T1 = Instant.parse("2026-11-20T02:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-21T02:00:00Z");
  private static final Instant T3 = Instant.parse("2026-11-22T02:00:00Z");

  @TempDir Path home;

  private static FetchRecord fetch(Instant at, String source, String url, String outcome) {
    return new FetchRecord(
        at,
        source,
        url,
        outcome.equals("OK") ? 200 : 503,
        1234,
        56,
        outcome,
        outcome.equals("OK") ? "" : "HTTP 503 after 4 attempts",
        outcome.equals("OK") ? 1 : 4,
        false);
  }

  private static ServerEntry entry(String id, String version, String source, String status) {
    return new ServerEntry(
        id, id, null, "desc from " + source, version, null, null, null, source, status);
  }

  @Test
  void fetchLogRoundTripsNewestFirstAndFiltersFailedAndSource() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      long run = store.startRun("manual", T1);
      store.recordFetches(
          run,
          List.of(
              fetch(T1, "registry-api", "https://r.example/v0.1/servers?limit=100", "OK"),
              fetch(T2, "registry-api", "https://r.example/v0.1/servers?cursor=a", "HTTP_ERROR"),
              fetch(T3, "npm", "https://npm.example/pkg", "OK")));
      store.recordFetches(null, List.of(fetch(T3, "npm", "https://npm.example/x", "TIMEOUT")));
    }
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<FetchRecord> all = store.fetchLog(false, null, 10);
      assertEquals(
          List.of(
              "https://npm.example/x",
              "https://npm.example/pkg",
              "https://r.example/v0.1/servers?cursor=a",
              "https://r.example/v0.1/servers?limit=100"),
          all.stream().map(FetchRecord::url).toList());
      FetchRecord failed = all.get(2);
      assertEquals(fetch(T2, "registry-api", failed.url(), "HTTP_ERROR"), failed);
      assertEquals(
          List.of("TIMEOUT", "HTTP_ERROR"),
          store.fetchLog(true, null, 10).stream().map(FetchRecord::outcome).toList());
      assertEquals(
          List.of("HTTP_ERROR"),
          store.fetchLog(true, "registry-api", 10).stream().map(FetchRecord::outcome).toList());
      assertEquals(1, store.fetchLog(false, null, 1).size());
    }
  }

  @Test
  void recordFetchesWritesMoreRowsThanOneBatch() throws Exception {
    List<FetchRecord> many = new ArrayList<>();
    for (int i = 0; i < FetchLogTable.BATCH_ROWS * 2 + 7; i++) {
      many.add(fetch(T1.plusSeconds(i), "registry-api", "https://r.example/p" + i, "OK"));
    }
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.recordFetches(null, many);
      List<FetchRecord> back = store.fetchLog(false, null, 5000);
      assertEquals(many.size(), back.size());
      assertEquals("https://r.example/p" + (many.size() - 1), back.get(0).url());
    }
  }

  @Test
  void fetchRecordRedactsCredentialsInUrlAndReason() {
    FetchRecord r =
        new FetchRecord(
            T1,
            "npm",
            "https://user:hunter22@npm.example/pkg?access_token=abc123&limit=100&api_key=k9",
            401,
            0,
            3,
            "HTTP_ERROR",
            "HTTP 401 from https://npm.example/pkg?token=zzz",
            1,
            false);
    assertEquals(
        "https://[REDACTED]@npm.example/pkg?access_token=[REDACTED]&limit=100&api_key=[REDACTED]",
        r.url());
    assertEquals("HTTP 401 from https://npm.example/pkg?token=[REDACTED]", r.reason());
    assertTrue(r.failed());
  }

  @Test
  void lastCompleteCrawlStartIgnoresIncompleteCrawlsAndOtherSources() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      assertEquals(Optional.empty(), store.lastCompleteCrawlStart("registry-api"));
      store.recordSourceCrawl("registry-api", T1, T1.plusSeconds(60), true, 100);
      store.recordSourceCrawl("registry-api", T2, T2.plusSeconds(60), false, 40);
      store.recordSourceCrawl("npm", T3, T3.plusSeconds(60), true, 5);
      assertEquals(Optional.of(T1), store.lastCompleteCrawlStart("registry-api"));
      store.recordSourceCrawl("registry-api", T3, T3.plusSeconds(60), true, 3);
      assertEquals(Optional.of(T3), store.lastCompleteCrawlStart("registry-api"));
    }
  }

  @Test
  void statusHistoryRecordsFirstEntryAndEachStatusOrVersionChange() throws Exception {
    String id = "io.github.example/files";
    try (CatalogueStore store = CatalogueStore.open(home)) {
      ServerUpsert first =
          store.upsertServers(List.of(entry(id, "1.0.0", "registry-api", "active")), 1L, T1);
      assertEquals(new ServerUpsert(1, 0, 0, 1), first);
      // the same entry again: no history row
      assertEquals(
          new ServerUpsert(0, 1, 0, 0),
          store.upsertServers(List.of(entry(id, "1.0.0", "registry-api", "active")), 2L, T2));
      store.upsertServers(List.of(entry(id, "1.1.0", "registry-api", "active")), null, T2);
      store.upsertServers(List.of(entry(id, "1.1.0", "registry-api", "deprecated")), null, T3);
      store.upsertServers(List.of(entry(id, "1.1.0", "registry-api", "deleted")), null, T3);
      assertEquals(
          List.of(
              new ServerStatusChange(id, "active", "1.0.0", "registry-api", T1, 1L),
              new ServerStatusChange(id, "active", "1.1.0", "registry-api", T2, null),
              new ServerStatusChange(id, "deprecated", "1.1.0", "registry-api", T3, null),
              new ServerStatusChange(id, "deleted", "1.1.0", "registry-api", T3, null)),
          store.statusHistory(id));
      // a deleted server is kept with its status
      assertEquals("deleted", StoreReads.allServers(store).get(0).entry().status());
    }
  }

  @Test
  void lowerRankedSourceNeverReplacesHigherRankedEntry() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.upsertServers(
          List.of(
              entry("a", "1.0.0", "registry-seed-2025-05-16", "active"),
              entry("b", "1.0.0", "npm", "active")),
          null,
          T1);
      ServerUpsert second =
          store.upsertServers(
              List.of(
                  entry("a", "9.9.9", "snapshot", "active"),
                  entry("a", "9.9.9", "npm", "active"),
                  entry("b", "2.0.0", "registry-api", "active")),
              null,
              T2);
      // "a" appears twice: the last (npm) wins within the call, and npm ranks below the seed
      assertEquals(new ServerUpsert(0, 1, 1, 1), second);
      ServerUpsert third =
          store.upsertServers(
              List.of(
                  entry("a", "1.1.0", "registry-seed", "active"),
                  entry("b", "3.0.0", "pypi", "active")),
              null,
              T3);
      assertEquals(new ServerUpsert(0, 1, 1, 1), third);
      List<String> stored =
          StoreReads.allServers(store).stream()
              .map(s -> s.entry().id() + " " + s.entry().version() + " " + s.entry().source())
              .sorted()
              .toList();
      assertEquals(List.of("a 1.1.0 registry-seed", "b 2.0.0 registry-api"), stored);
    }
  }

  @Test
  void sourceRanksFollowTheDocumentedOrder() {
    assertTrue(SourceRank.mayReplace("registry-api", "registry-seed-2025-05-16"));
    assertTrue(SourceRank.mayReplace("registry-seed", "registry-seed-2025-05-16"));
    assertTrue(SourceRank.mayReplace("registry-seed", "npm"));
    assertTrue(SourceRank.mayReplace("pypi", "npm"));
    assertTrue(SourceRank.mayReplace("npm", "live"));
    assertTrue(SourceRank.mayReplace("live", "snapshot"));
    assertFalse(SourceRank.mayReplace("npm", "registry-seed"));
    assertFalse(SourceRank.mayReplace("registry-seed", "registry-api"));
    assertFalse(SourceRank.mayReplace("snapshot", "pypi"));
  }
}
