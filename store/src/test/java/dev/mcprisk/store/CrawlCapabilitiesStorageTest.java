package dev.mcprisk.store;

import static dev.mcprisk.store.CatalogueStoreTest.server;
import static dev.mcprisk.store.CatalogueStoreTest.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 8: each crawl row keeps the client capabilities announced and the server's requests. */
class CrawlCapabilitiesStorageTest {
  private static final Instant T1 = Instant.parse("2026-11-20T02:00:00Z");
  private static final String ANNOUNCED =
      "{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{}}";

  @TempDir Path home;

  @Test
  void aLiveCrawlKeepsItsCapabilitiesAndServerRequestsAndASnapshotKeepsNulls() throws Exception {
    CrawlOutcome live =
        new CrawlOutcome(
            "live",
            CrawlStatus.OK,
            "",
            T1,
            "stdio",
            "2025-06-18",
            null,
            null,
            null,
            List.of(tool("read_file", "Reads.")),
            1,
            120,
            4096,
            Json.parse(ANNOUNCED),
            Map.of("sampling/createMessage", 2, "roots/list", 1));
    CrawlOutcome recorded =
        new CrawlOutcome(
            "recorded",
            CrawlStatus.OK,
            "",
            T1,
            "snapshot",
            "2025-06-18",
            null,
            null,
            null,
            List.of(tool("read_file", "Reads.")),
            1,
            0,
            0);
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.upsertServers(List.of(server("live"), server("recorded")));
      long run = store.startRun("test", T1);
      store.recordCrawl(run, live);
      store.recordCrawl(run, recorded);
    }

    assertEquals(
        List.of(
            "live|" + ANNOUNCED + "|{\"roots/list\":1,\"sampling/createMessage\":2}",
            "recorded|null|null"),
        rows());
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<StoredServer> servers = StoreReads.allServers(store);
      assertEquals(ANNOUNCED, Json.write(servers.get(0).latestCrawl().clientCapabilities()));
      assertNull(servers.get(1).latestCrawl().clientCapabilities());
      assertTrue(servers.get(0).entry().id().equals("live"));
    }
  }

  private List<String> rows() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(CatalogueStore.h2Url(home), "sa", "");
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT server_id, client_capabilities, server_requests FROM crawls ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
      }
    }
    return rows;
  }
}
