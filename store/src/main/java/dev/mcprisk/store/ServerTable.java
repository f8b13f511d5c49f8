package dev.mcprisk.store;

import dev.mcprisk.json.Json;
import dev.mcprisk.model.ServerEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SQL of the {@code servers} table (schema 1): the upsert by id and source rank, and the reads of
 * stored entries the crawl sources need.
 *
 * <p>Thread-safety: stateless; the caller's connection and transaction.
 */
final class ServerTable {
  private ServerTable() {}

  /**
   * Inserts or replaces {@code entries} (unique ids, values that fit their columns) where the
   * stored entry's source does not outrank theirs ({@link SourceRank}), appending a status history
   * row for each stored entry whose status or version changed, or that has none.
   *
   * @param refused the entries refused before, passed on into the result
   */
  static ServerUpsert upsert(
      Connection c,
      Collection<ServerEntry> entries,
      Long runId,
      Instant at,
      List<RefusedServer> refused)
      throws SQLException {
    Map<String, String> storedSource = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, source FROM servers");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        storedSource.put(rs.getString(1), rs.getString(2));
      }
    }
    Map<String, String[]> latest = FetchLogTable.latestStatuses(c);
    List<ServerStatusChange> history = new ArrayList<>();
    int inserted = 0;
    int replaced = 0;
    int outranked = 0;
    try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE servers SET name = ?, source = ?, status = ?, entry_json = ?"
                    + " WHERE id = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO servers (name, source, status, entry_json, id)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (ServerEntry entry : entries) {
        String stored = storedSource.get(entry.id());
        if (stored != null && !SourceRank.mayReplace(entry.source(), stored)) {
          outranked++;
          continue;
        }
        PreparedStatement ps = stored != null ? update : insert;
        if (stored != null) {
          replaced++;
        } else {
          inserted++;
        }
        ps.setString(1, entry.name());
        ps.setString(2, entry.source());
        ps.setString(3, entry.status());
        ps.setString(4, Json.write(entry));
        ps.setString(5, entry.id());
        ps.addBatch();
        if ((inserted + replaced) % FetchLogTable.BATCH_ROWS == 0) {
          update.executeBatch();
          insert.executeBatch();
        }
        String[] before = latest.get(entry.id());
        if (before == null
            || !before[0].equals(entry.status())
            || !Objects.equals(before[1], FetchLogTable.cutVersion(entry.version()))) {
          history.add(
              new ServerStatusChange(
                  entry.id(), entry.status(), entry.version(), entry.source(), at, runId));
        }
      }
      update.executeBatch();
      insert.executeBatch();
    }
    FetchLogTable.insertStatusChanges(c, history);
    return new ServerUpsert(inserted, replaced, outranked, history.size(), refused);
  }

  /** Which value of {@code entry} does not fit its column of {@code servers}; null when all fit. */
  static String tooLong(ServerEntry entry) {
    String problem = tooLong("id", entry.id(), CatalogueStore.MAX_SERVER_ID_CHARS);
    if (problem == null) {
      problem = tooLong("name", entry.name(), CatalogueStore.MAX_SERVER_ID_CHARS);
    }
    if (problem == null) {
      problem = tooLong("source", entry.source(), CatalogueStore.MAX_SERVER_SOURCE_CHARS);
    }
    if (problem == null) {
      problem = tooLong("status", entry.status(), CatalogueStore.MAX_SERVER_STATUS_CHARS);
    }
    return problem;
  }

  private static String tooLong(String column, String value, int maxChars) {
    return value.length() > maxChars
        ? column + " is " + value.length() + " chars, the store holds " + maxChars
        : null;
  }

  /** The stored entry of {@code id}; null when no server has it. */
  static ServerEntry find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT entry_json FROM servers WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? CataloguePages.json(rs.getString(1), ServerEntry.class) : null;
      }
    }
  }

  /** Every stored server entry, by id. */
  static List<ServerEntry> entries(Connection c) throws SQLException {
    List<ServerEntry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT entry_json FROM servers ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(CataloguePages.json(rs.getString(1), ServerEntry.class));
      }
    }
    return out;
  }

  /**
   * Stored servers with remotes whose last crawl over HTTP (not a recorded answer, not a README) is
   * older than {@code before}, or that were never crawled so.
   */
  static List<ServerEntry> remotesNotCrawledSince(Connection c, Instant before)
      throws SQLException {
    List<ServerEntry> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.entry_json FROM servers s WHERE s.entry_json LIKE '%\"remotes\":[{%'"
                + " AND NOT EXISTS (SELECT 1 FROM crawls c WHERE c.server_id = s.id"
                + " AND c.method IN ('streamable-http', 'sse') AND c.crawled_at >= ?)"
                + " ORDER BY s.id")) {
      ps.setObject(1, CatalogueStore.utc(before));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(CataloguePages.json(rs.getString(1), ServerEntry.class));
        }
      }
    }
    return out;
  }

  /** Whether the server has current tools of an origin other than {@code origin}. */
  static boolean hasToolsOtherThan(Connection c, String serverId, String origin)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM tools WHERE server_id = ? AND origin <> ? FETCH FIRST 1 ROWS ONLY")) {
      ps.setString(1, serverId);
      ps.setString(2, origin);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Row counts of the catalogue's tables. */
  static StoreCounts counts(Connection c) throws SQLException {
    return new StoreCounts(
        count(c, "SELECT COUNT(*) FROM servers"),
        count(c, "SELECT COUNT(*) FROM tools"),
        count(c, "SELECT COUNT(DISTINCT definition_hash) FROM tool_definitions"),
        count(c, "SELECT COUNT(*) FROM crawls"),
        count(c, "SELECT COUNT(*) FROM runs"),
        count(c, "SELECT COUNT(*) FROM assessments"));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
