package dev.mcprisk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mcprisk.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL of the {@code runs}, {@code run_stages} and {@code run_lock} tables (schema 2). */
final class RunTable {
  /** How often a lock attempt is retried after losing an insert race: 3 times. */
  static final int LOCK_INSERT_ATTEMPTS = 3;

  /** Longest error text kept per run, in chars; longer ones are cut. */
  static final int MAX_ERROR_CHARS = 4000;

  private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {};

  private RunTable() {}

  static long start(Connection c, String trigger, Instant at, RunLockOwner owner)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO runs (run_trigger, started_at, status, owner) VALUES (?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, trigger);
      ps.setObject(2, CatalogueStore.utc(at));
      ps.setString(3, RunStatus.RUNNING.name());
      if (owner == null) {
        ps.setNull(4, Types.VARCHAR);
      } else {
        ps.setString(4, owner.toString());
      }
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no generated run id");
        }
        return keys.getLong(1);
      }
    }
  }

  static void addStage(Connection c, long runId, RunStage stage) throws SQLException {
    int index;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM run_stages WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        index = rs.getInt(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run_stages (run_id, stage_index, stage, millis, result, counts_json)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, runId);
      ps.setInt(2, index);
      ps.setString(3, stage.stage());
      ps.setLong(4, stage.millis());
      ps.setString(5, stage.result());
      ps.setString(6, Json.write(stage.counts()));
      ps.executeUpdate();
    }
  }

  static int finish(
      Connection c, long runId, RunStatus status, Instant at, String statsJson, String error)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE runs SET finished_at = ?, status = ?, stats_json = ?, error = ? WHERE id = ?")) {
      ps.setObject(1, CatalogueStore.utc(at));
      ps.setString(2, status.name());
      ps.setString(3, statsJson);
      ps.setString(4, cut(error));
      ps.setLong(5, runId);
      return ps.executeUpdate();
    }
  }

  static List<RunRecord> latest(Connection c, int limit) throws SQLException {
    Map<Long, Object[]> rows = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, run_trigger, started_at, finished_at, status, owner, error FROM runs"
                + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime finished = rs.getObject(4, OffsetDateTime.class);
          RunStatus status;
          try {
            status = RunStatus.parse(rs.getString(5));
          } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), e);
          }
          rows.put(
              rs.getLong(1),
              new Object[] {
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(),
                status,
                rs.getString(6),
                rs.getString(7)
              });
        }
      }
    }
    Map<Long, List<RunStage>> stages = new LinkedHashMap<>();
    if (!rows.isEmpty()) {
      long oldest = rows.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT run_id, stage, millis, result, counts_json FROM run_stages"
                  + " WHERE run_id >= ? ORDER BY run_id, stage_index")) {
        ps.setLong(1, oldest);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            stages
                .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(
                    new RunStage(
                        rs.getString(2), rs.getLong(3), rs.getString(4), counts(rs.getString(5))));
          }
        }
      }
    }
    List<RunRecord> out = new ArrayList<>(rows.size());
    for (Map.Entry<Long, Object[]> e : rows.entrySet()) {
      Object[] r = e.getValue();
      out.add(
          new RunRecord(
              e.getKey(),
              (String) r[0],
              (Instant) r[1],
              (Instant) r[2],
              (RunStatus) r[3],
              (String) r[4],
              (String) r[5],
              stages.getOrDefault(e.getKey(), List.of())));
    }
    return out;
  }

  static LockAttempt tryLock(Connection c, String name, RunLockOwner me, Instant now)
      throws SQLException {
    RunLock held = selectLock(c, name, true);
    RunLock mine = new RunLock(me, now);
    if (held == null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO run_lock (lock_name, owner_pid, owner_host, owner_started_at,"
                  + " locked_since) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, name);
        bindOwner(ps, 2, me);
        ps.setObject(5, CatalogueStore.utc(now));
        ps.executeUpdate();
      }
      return new LockAttempt(true, mine, null, List.of());
    }
    if (held.owner().pid() == me.pid() && held.owner().host().equals(me.host())) {
      return new LockAttempt(true, held, null, List.of());
    }
    if (!held.owner().isGoneSeenFrom(me)) {
      return new LockAttempt(false, held, null, List.of());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE run_lock SET owner_pid = ?, owner_host = ?, owner_started_at = ?,"
                + " locked_since = ? WHERE lock_name = ? AND owner_pid = ? AND owner_host = ?")) {
      bindOwner(ps, 1, me);
      ps.setObject(4, CatalogueStore.utc(now));
      ps.setString(5, name);
      ps.setLong(6, held.owner().pid());
      ps.setString(7, held.owner().host());
      if (ps.executeUpdate() != 1) {
        return new LockAttempt(false, selectLock(c, name, false), null, List.of());
      }
    }
    List<Long> abandoned = abandonRuns(c, held.owner(), me, now);
    return new LockAttempt(true, mine, held, abandoned);
  }

  private static List<Long> abandonRuns(
      Connection c, RunLockOwner gone, RunLockOwner finder, Instant now) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM runs WHERE status = ? AND owner = ? ORDER BY id")) {
      ps.setString(1, RunStatus.RUNNING.name());
      ps.setString(2, gone.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    for (long id : ids) {
      finish(
          c,
          id,
          RunStatus.INTERRUPTED,
          now,
          null,
          "process "
              + gone
              + " ended without recording the end of this run (killed or crashed); found by "
              + finder);
    }
    return ids;
  }

  static int unlock(Connection c, String name, RunLockOwner me) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM run_lock WHERE lock_name = ? AND owner_pid = ? AND owner_host = ?")) {
      ps.setString(1, name);
      ps.setLong(2, me.pid());
      ps.setString(3, me.host());
      return ps.executeUpdate();
    }
  }

  static RunLock selectLock(Connection c, String name, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT owner_pid, owner_host, owner_started_at, locked_since FROM run_lock"
                + " WHERE lock_name = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        OffsetDateTime started = rs.getObject(3, OffsetDateTime.class);
        return new RunLock(
            new RunLockOwner(
                rs.getLong(1), rs.getString(2), started == null ? null : started.toInstant()),
            rs.getObject(4, OffsetDateTime.class).toInstant());
      }
    }
  }

  /** A unique-key violation (SQLState class 23) or H2's concurrent-update error 90131. */
  static boolean isConflict(SQLException e) {
    String state = e.getSQLState();
    return (state != null && state.startsWith("23")) || e.getErrorCode() == 90131;
  }

  private static void bindOwner(PreparedStatement ps, int first, RunLockOwner owner)
      throws SQLException {
    ps.setLong(first, owner.pid());
    ps.setString(first + 1, owner.host());
    if (owner.processStartedAt() == null) {
      ps.setNull(first + 2, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(first + 2, CatalogueStore.utc(owner.processStartedAt()));
    }
  }

  private static Map<String, Long> counts(String json) throws SQLException {
    try {
      return Json.MAPPER.readValue(json, COUNTS);
    } catch (JsonProcessingException e) {
      throw new SQLException("stage counts cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  private static String cut(String error) {
    return error == null || error.length() <= MAX_ERROR_CHARS
        ? error
        : error.substring(0, MAX_ERROR_CHARS);
  }
}
