package dev.mcprisk.store;

import static dev.mcprisk.store.CatalogueStoreTest.ok;
import static dev.mcprisk.store.CatalogueStoreTest.server;
import static dev.mcprisk.store.CatalogueStoreTest.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ToolDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema 6: a definition's JSON text is stored once, and an unchanged crawl rewrites no tool. */
class DefinitionStorageTest {
  private static final Instant T1 = Instant.parse("2026-11-20T02:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-21T02:00:00Z");
  private static final Instant T3 = Instant.parse("2026-11-22T02:00:00Z");

  @TempDir Path home;

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(CatalogueStore.h2Url(home), "sa", "");
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The tool {@code a} with an extra field outside the definition hash. */
  private static ToolDefinition withMeta(String meta) {
    ObjectNode json = tool("a", "Reads files.").json().deepCopy();
    json.putObject("_meta").put("note", meta);
    return ToolDefinition.of(json);
  }

  @Test
  void unchangedCrawlWritesNoToolRowsButMovesLastSeenOfTheSet() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.upsertServers(List.of(server("s1")));
      long run = store.startRun("test", T1);
      CrawlWriter.WriteCounts first =
          StoreReads.recordCrawls(
                  home, run, ok("s1", T1, "stdio", tool("a", "A."), tool("b", "B.")))
              .counts();
      assertEquals(2, first.inserted);
      assertEquals(2, first.historyInserted);

      CrawlWriter.Written second =
          StoreReads.recordCrawls(
              home, run, ok("s1", T2, "stdio", tool("a", "A."), tool("b", "B.")));

      assertEquals(List.of(), second.changes());
      CrawlWriter.WriteCounts writes = second.counts();
      assertEquals(
          List.of(0, 0, 0, 0, 1),
          List.of(
              writes.inserted,
              writes.updated,
              writes.deleted,
              writes.historyInserted,
              writes.serversUnchanged));
      Map<ToolKey, ToolHistory> history = store.toolHistory();
      assertEquals(new ToolHistory(T1, T2, null, 1), history.get(new ToolKey("s1", "a")));
      assertEquals(new ToolHistory(T1, T2, null, 1), history.get(new ToolKey("s1", "b")));
    }
    assertEquals(2, count("SELECT COUNT(*) FROM definitions"));
    assertEquals(2, count("SELECT COUNT(*) FROM tools WHERE last_seen = " + sql(T1)));
    assertEquals(2, count("SELECT COUNT(*) FROM tool_definitions WHERE last_seen = " + sql(T1)));
    assertEquals(1, count("SELECT COUNT(*) FROM tool_sets WHERE last_seen = " + sql(T2)));
  }

  @Test
  void changeAfterUnchangedCrawlsKeepsWhenTheOldDefinitionWasLastSeen() throws Exception {
    ToolDefinition a1 = tool("a", "A.");
    ToolDefinition a2 = tool("a", "A, changed.");
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.upsertServers(List.of(server("s1")));
      long run = store.startRun("test", T1);
      store.recordCrawl(run, ok("s1", T1, "stdio", a1, tool("b", "B.")));
      store.recordCrawl(run, ok("s1", T2, "stdio", a1, tool("b", "B.")));

      List<ToolChange> changes = store.recordCrawl(run, ok("s1", T3, "stdio", a2));

      assertEquals(
          List.of(ChangeKind.DESCRIPTION_CHANGED, ChangeKind.REMOVED),
          changes.stream().map(ToolChange::kind).toList());
      Map<ToolKey, ToolHistory> history = store.toolHistory();
      assertEquals(new ToolHistory(T1, T3, T3, 2), history.get(new ToolKey("s1", "a")));
      assertEquals(new ToolHistory(T1, T2, null, 1), history.get(new ToolKey("s1", "b")));
    }
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM tool_definitions WHERE name = 'a' AND last_seen = "
                + sql(T2)
                + " AND definition_hash = '"
                + a1.definitionHash()
                + "'"));
    assertEquals(0, count("SELECT COUNT(*) FROM tool_sets"));
  }

  @Test
  void earlierCrawlOfAnUnchangedSetMovesFirstSeenBackRowByRow() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.upsertServers(List.of(server("s1")));
      long run = store.startRun("test", T1);
      store.recordCrawl(run, ok("s1", T2, "stdio", tool("a", "A.")));
      store.recordCrawl(run, ok("s1", T3, "stdio", tool("a", "A.")));

      CrawlWriter.Written earlier =
          StoreReads.recordCrawls(home, run, ok("s1", T1, "stdio", tool("a", "A.")));

      assertEquals(List.of(), earlier.changes());
      assertEquals(0, earlier.counts().serversUnchanged);
      assertEquals(0, earlier.counts().historyInserted);
      assertEquals(
          new ToolHistory(T1, T3, null, 1), store.toolHistory().get(new ToolKey("s1", "a")));
    }
    // the set's sighting (T3) was settled into the rows, and the set row removed
    assertEquals(0, count("SELECT COUNT(*) FROM tool_sets"));
    assertEquals(1, count("SELECT COUNT(*) FROM tools WHERE last_seen = " + sql(T3)));
  }

  private static String sql(Instant at) {
    return "TIMESTAMP WITH TIME ZONE '"
        + at.toString().replace('T', ' ').replace("Z", "+00:00")
        + "'";
  }

  @Test
  void jsonTextIsStoredOncePerToolAndTextOutsideTheHashIsKept() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      store.upsertServers(List.of(server("s1"), server("s2")));
      long run = store.startRun("test", T1);
      store.recordCrawls(
          run,
          List.of(ok("s1", T1, "stdio", withMeta("one")), ok("s2", T1, "stdio", withMeta("one"))));
      // same definition hash, other JSON text: the current tool takes the new text, no history row
      CrawlWriter.WriteCounts writes =
          StoreReads.recordCrawls(home, run, ok("s1", T2, "stdio", withMeta("two"))).counts();

      assertEquals(1, writes.updated);
      assertEquals(0, writes.historyInserted);
      List<StoredServer> servers = StoreReads.allServers(store);
      assertEquals(
          Json.write(withMeta("two").json()),
          Json.write(servers.get(0).tools().get(0).definition().json()));
      assertEquals(
          Json.write(withMeta("one").json()),
          Json.write(servers.get(1).tools().get(0).definition().json()));
      assertEquals(
          Json.write(withMeta("one").json()),
          Json.write(
              store.definition("s1", "a", withMeta("one").definitionHash()).orElseThrow().json()));
    }
    // s1's two texts and s2's one; the two history rows hold no text
    assertEquals(3, count("SELECT COUNT(*) FROM definitions"));
    assertEquals(2, count("SELECT COUNT(*) FROM tool_definitions"));
  }

  @Test
  void schema5StoreOpenedBySchema6ReadsBackTheSameToolsAndHistory() throws Exception {
    String url = CatalogueStore.h2Url(home);
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations(CatalogueStore.MIGRATIONS_LOCATION)
        .placeholders(Map.of(CatalogueStore.QUARTZ_BINARY_PLACEHOLDER, "BLOB"))
        .target("5")
        .load()
        .migrate();
    ToolDefinition v1 = withMeta("first");
    ToolDefinition v2 = tool("a", "Reads files, now more.");
    ToolDefinition b = tool("b", "B.");
    OffsetDateTime t1 = OffsetDateTime.ofInstant(T1, ZoneOffset.UTC);
    OffsetDateTime t2 = OffsetDateTime.ofInstant(T2, ZoneOffset.UTC);
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO servers (id, name, source, status, entry_json) VALUES (?, ?, ?, ?, ?)")) {
        for (String id : List.of("s1", "s2")) {
          ps.setString(1, id);
          ps.setString(2, id);
          ps.setString(3, "registry");
          ps.setString(4, "active");
          ps.setString(5, Json.write(server(id)));
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO tools (server_id, name, definition_hash, definition_json, origin,"
                  + " first_seen, last_seen) VALUES (?, ?, ?, ?, 'live', ?, ?)")) {
        for (Object[] row :
            List.of(
                new Object[] {"s1", v2, t2},
                new Object[] {"s1", b, t1},
                new Object[] {"s2", b, t2})) {
          ToolDefinition t = (ToolDefinition) row[1];
          ps.setString(1, (String) row[0]);
          ps.setString(2, t.name());
          ps.setString(3, t.definitionHash());
          ps.setString(4, Json.write(t.json()));
          ps.setObject(5, t1);
          ps.setObject(6, row[2]);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO tool_definitions (server_id, name, definition_hash, definition_json,"
                  + " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Object[] row :
            List.of(
                new Object[] {"s1", v1, t1, t1},
                new Object[] {"s1", v2, t2, t2},
                new Object[] {"s1", b, t1, t1},
                new Object[] {"s2", b, t1, t2})) {
          ToolDefinition t = (ToolDefinition) row[1];
          ps.setString(1, (String) row[0]);
          ps.setString(2, t.name());
          ps.setString(3, t.definitionHash());
          ps.setString(4, Json.write(t.json()));
          ps.setObject(5, row[2]);
          ps.setObject(6, row[3]);
          ps.executeUpdate();
        }
      }
    }

    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<StoredServer> servers = StoreReads.allServers(store);
      assertEquals(
          List.of(Json.write(v2.json()), Json.write(b.json())),
          servers.get(0).tools().stream().map(t -> Json.write(t.definition().json())).toList());
      assertEquals(
          List.of(Json.write(b.json())),
          servers.get(1).tools().stream().map(t -> Json.write(t.definition().json())).toList());
      assertEquals(
          Json.write(v1.json()),
          Json.write(store.definition("s1", "a", v1.definitionHash()).orElseThrow().json()));
      Map<ToolKey, ToolHistory> history = store.toolHistory();
      assertEquals(new ToolHistory(T1, T2, T2, 2), history.get(new ToolKey("s1", "a")));
      assertEquals(new ToolHistory(T1, T2, null, 1), history.get(new ToolKey("s2", "b")));
      assertEquals(3, store.counts().tools());

      // a later crawl of the migrated store: the tool that changed back is a change event
      long run = store.startRun("test", T2);
      List<ToolChange> changes = store.recordCrawl(run, ok("s1", T2, "stdio", v1, b));
      assertEquals(
          List.of(ChangeKind.DESCRIPTION_CHANGED), changes.stream().map(ToolChange::kind).toList());
    }
    // s1's v1, v2 and b and s2's b: four texts for the seven rows that held them
    assertEquals(4, count("SELECT COUNT(*) FROM definitions"));
  }
}
