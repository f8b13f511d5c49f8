package dev.mcprisk.store;

import dev.mcprisk.model.FetchRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of the {@code fetch_log}, {@code source_crawls} and {@code server_status_history} tables
 * (schema 4).
 */
final class FetchLogTable {
  /** Rows per JDBC batch when inserting fetch records: 500. */
  static final int BATCH_ROWS = 500;

  /** Longest version kept in the status history, in chars (the column holds 256). */
  static final int MAX_VERSION_CHARS = 256;

  private FetchLogTable() {}

  static void insertFetches(Connection c, Long runId, Collection<FetchRecord> records)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO fetch_log (run_id, fetched_at, source, url, http_status, bytes,"
                + " duration_ms, outcome, reason, attempts, from_cache, failed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (FetchRecord r : records) {
        setLong(ps, 1, runId);
        ps.setObject(2, CatalogueStore.utc(r.at()));
        ps.setString(3, r.source());
        ps.setString(4, r.url());
        ps.setInt(5, r.httpStatus());
        ps.setLong(6, r.bytes());
        ps.setLong(7, r.durationMs());
        ps.setString(8, r.outcome());
        ps.setString(9, r.reason());
        ps.setInt(10, r.attempts());
        ps.setBoolean(11, r.fromCache());
        ps.setBoolean(12, r.failed());
        ps.addBatch();
        if (++pending == BATCH_ROWS) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  static List<FetchRecord> selectFetches(Connection c, boolean failedOnly, String source, int limit)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT fetched_at, source, url, http_status, bytes, duration_ms, outcome, reason,"
                + " attempts, from_cache FROM fetch_log WHERE 1 = 1");
    if (failedOnly) {
      sql.append(" AND failed = TRUE");
    }
    if (source != null) {
      sql.append(" AND source = ?");
    }
    sql.append(" ORDER BY id DESC FETCH FIRST ? ROWS ONLY");
    List<FetchRecord> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (source != null) {
        ps.setString(i++, source);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new FetchRecord(
                  instant(rs, 1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getInt(9),
                  rs.getBoolean(10)));
        }
      }
    }
    return out;
  }

  static void insertSourceCrawl(
      Connection c, String source, Instant startedAt, Instant finishedAt, boolean complete, int n)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO source_crawls (source, started_at, finished_at, complete, entries)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, source);
      ps.setObject(2, CatalogueStore.utc(startedAt));
      ps.setObject(3, CatalogueStore.utc(finishedAt));
      ps.setBoolean(4, complete);
      ps.setInt(5, n);
      ps.executeUpdate();
    }
  }

  static Optional<Instant> lastCompleteStart(Connection c, String source) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MAX(started_at) FROM source_crawls WHERE source = ? AND complete = TRUE")) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(instant(rs, 1)) : Optional.empty();
      }
    }
  }

  /**
   * The latest (status, version) of each server in the history, by server id: one pass in id order,
   * the last row of a server wins.
   */
  static Map<String, String[]> latestStatuses(Connection c) throws SQLException {
    Map<String, String[]> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT server_id, status, version FROM server_status_history ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
      }
    }
    return out;
  }

  static void insertStatusChanges(Connection c, Collection<ServerStatusChange> changes)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO server_status_history (server_id, status, version, source, changed_at,"
                + " run_id) VALUES (?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (ServerStatusChange s : changes) {
        ps.setString(1, s.serverId());
        ps.setString(2, s.status());
        String version = cutVersion(s.version());
        if (version == null) {
          ps.setNull(3, Types.VARCHAR);
        } else {
          ps.setString(3, version);
        }
        ps.setString(4, s.source());
        ps.setObject(5, CatalogueStore.utc(s.changedAt()));
        setLong(ps, 6, s.runId());
        ps.addBatch();
        if (++pending == BATCH_ROWS) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  static List<ServerStatusChange> statusHistory(Connection c, String serverId) throws SQLException {
    List<ServerStatusChange> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT server_id, status, version, source, changed_at, run_id"
                + " FROM server_status_history WHERE server_id = ? ORDER BY id")) {
      ps.setString(1, serverId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long run = rs.getLong(6);
          Long runId = rs.wasNull() ? null : run;
          out.add(
              new ServerStatusChange(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  instant(rs, 5),
                  runId));
        }
      }
    }
    return out;
  }

  /** {@code version} cut to {@link #MAX_VERSION_CHARS}, as stored; null stays null. */
  static String cutVersion(String version) {
    return version == null || version.length() <= MAX_VERSION_CHARS
        ? version
        : version.substring(0, MAX_VERSION_CHARS);
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
