package dev.mcprisk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes crawl outcomes inside one transaction of the caller, with JDBC batches: every statement is
 * prepared once per writer and its rows are sent together at {@link #flush()}, so a batch of
 * servers costs a few round trips per statement instead of several per tool.
 *
 * <p>Rules as in {@link CatalogueStore#recordCrawl}: each outcome appends one row to the crawl log;
 * a usable outcome that listed tools (or an OK one listing none) replaces the server's current tool
 * set, adds a {@code tool_definitions} row per new (server, name, hash) and moves {@code last_seen}
 * of a known one; change events are computed against the previous tool set, except for a server's
 * first listing.
 *
 * <p>Schema 6 (V6__definitions_once): a tool's JSON text is written once, to {@code definitions}
 * keyed by (server, name, SHA-256 of the text); {@code tools} and {@code tool_definitions} hold the
 * key. A tool whose text, hash and origin are as stored is not written. When a server's whole tool
 * set is as stored and the crawl is no earlier than its last sighting, only its {@code tool_sets}
 * row moves (no tool row is written); the effective {@code last_seen} of a current tool and of its
 * current history row is the later of its own and that row's, and a crawl that changes the set
 * first copies that row into them ("settles" it) and deletes it.
 *
 * <p>The current tool set of a server is read when its outcome is added; a second outcome of the
 * same server in one writer first flushes the pending rows so it reads the first one's result.
 *
 * <p>Not thread-safe: one writer per transaction, on the caller's thread.
 */
final class CrawlWriter implements AutoCloseable {
  private static final Comparator<String> ORDINAL = Comparator.naturalOrder();

  private final PreparedStatement insertCrawl;
  private final PreparedStatement selectCurrent;
  private final PreparedStatement selectHistory;
  private final PreparedStatement selectJson;
  private final PreparedStatement insertDefinition;
  private final PreparedStatement delete;
  private final PreparedStatement update;
  private final PreparedStatement insert;
  private final PreparedStatement selectSet;
  private final PreparedStatement settleTools;
  private final PreparedStatement settleHistory;
  private final PreparedStatement deleteSet;
  private final PreparedStatement updateSet;
  private final PreparedStatement insertSet;
  private final PreparedStatement bumpHistory;
  private final PreparedStatement insertHistory;
  private final List<PreparedStatement> all = new ArrayList<>();
  private final Set<String> pendingServers = new HashSet<>();
  private final WriteCounts counts = new WriteCounts();

  CrawlWriter(Connection c) throws SQLException {
    try {
      insertCrawl =
          prepare(
              c,
              "INSERT INTO crawls (run_id, server_id, status, reason, crawled_at, method,"
                  + " protocol_version, pages, duration_ms, bytes_read, client_capabilities,"
                  + " server_requests)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      selectCurrent =
          prepare(
              c,
              "SELECT name, definition_hash, json_hash, origin, last_seen FROM tools"
                  + " WHERE server_id = ?");
      selectHistory =
          prepare(
              c,
              "SELECT name, definition_hash, json_hash FROM tool_definitions WHERE server_id = ?");
      selectJson =
          prepare(
              c,
              "SELECT definition_json FROM definitions"
                  + " WHERE server_id = ? AND name = ? AND json_hash = ?");
      insertDefinition =
          prepare(
              c,
              "INSERT INTO definitions (server_id, name, json_hash, definition_json)"
                  + " SELECT CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(1024)),"
                  + " CAST(? AS CHAR(64)), CAST(? AS VARCHAR) FROM (VALUES (1)) one"
                  + " WHERE NOT EXISTS (SELECT 1 FROM definitions"
                  + " WHERE server_id = ? AND name = ? AND json_hash = ?)");
      delete = prepare(c, "DELETE FROM tools WHERE server_id = ? AND name = ?");
      update =
          prepare(
              c,
              "UPDATE tools SET definition_hash = ?, json_hash = ?, origin = ?,"
                  + " first_seen = LEAST(first_seen, CAST(? AS TIMESTAMP WITH TIME ZONE)),"
                  + " last_seen = GREATEST(last_seen, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                  + " WHERE server_id = ? AND name = ?");
      insert =
          prepare(
              c,
              "INSERT INTO tools (definition_hash, json_hash, origin, first_seen,"
                  + " last_seen, server_id, name) VALUES (?, ?, ?, ?, ?, ?, ?)");
      selectSet = prepare(c, "SELECT last_seen FROM tool_sets WHERE server_id = ?");
      settleTools =
          prepare(
              c,
              "UPDATE tools SET"
                  + " last_seen = GREATEST(last_seen, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                  + " WHERE server_id = ?");
      settleHistory =
          prepare(
              c,
              "UPDATE tool_definitions SET"
                  + " last_seen = GREATEST(last_seen, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                  + " WHERE server_id = ? AND EXISTS (SELECT 1 FROM tools t"
                  + " WHERE t.server_id = tool_definitions.server_id"
                  + " AND t.name = tool_definitions.name"
                  + " AND t.definition_hash = tool_definitions.definition_hash)");
      deleteSet = prepare(c, "DELETE FROM tool_sets WHERE server_id = ?");
      updateSet = prepare(c, "UPDATE tool_sets SET last_seen = ? WHERE server_id = ?");
      insertSet = prepare(c, "INSERT INTO tool_sets (last_seen, server_id) VALUES (?, ?)");
      bumpHistory =
          prepare(
              c,
              "UPDATE tool_definitions SET"
                  + " first_seen = LEAST(first_seen, CAST(? AS TIMESTAMP WITH TIME ZONE)),"
                  + " last_seen = GREATEST(last_seen, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                  + " WHERE server_id = ? AND name = ? AND definition_hash = ?");
      insertHistory =
          prepare(
              c,
              "INSERT INTO tool_definitions (first_seen, last_seen, server_id, name,"
                  + " definition_hash, json_hash) VALUES (?, ?, ?, ?, ?, ?)");
    } catch (SQLException e) {
      closeAll(e);
      throw e;
    }
  }

  /**
   * Writes {@code outcomes} in their order with one writer, then their change events: the whole of
   * {@link CatalogueStore#recordCrawls}, inside the caller's transaction.
   *
   * @return the change events stored, in the order stored, and the rows written by kind
   */
  static Written record(Connection c, long runId, List<CrawlOutcome> outcomes) throws SQLException {
    List<ToolChange> changes = new ArrayList<>();
    WriteCounts counts;
    try (CrawlWriter writer = new CrawlWriter(c)) {
      for (CrawlOutcome outcome : outcomes) {
        changes.addAll(writer.add(runId, outcome));
      }
      writer.flush();
      counts = writer.counts();
    }
    ChangeTable.insert(c, changes);
    return new Written(changes, counts);
  }

  /**
   * What {@link #record} wrote.
   *
   * @param changes the change events stored, in the order stored; ids are not filled in
   * @param counts the rows written, by kind
   */
  record Written(List<ToolChange> changes, WriteCounts counts) {}

  private PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    all.add(ps);
    return ps;
  }

  /** What this writer wrote so far (rows of {@code tools} and the history, by kind of write). */
  WriteCounts counts() {
    return counts;
  }

  /**
   * Adds one outcome to the batches.
   *
   * @return the change events it causes (not yet inserted: the caller inserts them after {@link
   *     #flush()})
   */
  List<ToolChange> add(long runId, CrawlOutcome outcome) throws SQLException {
    insertCrawl.setLong(1, runId);
    insertCrawl.setString(2, outcome.serverId());
    insertCrawl.setString(3, outcome.status().name());
    insertCrawl.setString(4, outcome.reason());
    insertCrawl.setObject(5, CatalogueStore.utc(outcome.at()));
    insertCrawl.setString(6, outcome.method());
    if (outcome.protocolVersion() == null) {
      insertCrawl.setNull(7, Types.VARCHAR);
    } else {
      insertCrawl.setString(7, outcome.protocolVersion());
    }
    insertCrawl.setInt(8, outcome.pages());
    insertCrawl.setLong(9, outcome.durationMs());
    insertCrawl.setLong(10, outcome.bytesRead());
    if (outcome.clientCapabilities() == null) {
      insertCrawl.setNull(11, Types.VARCHAR);
    } else {
      insertCrawl.setString(11, Json.write(outcome.clientCapabilities()));
    }
    if (outcome.serverRequests().isEmpty()) {
      insertCrawl.setNull(12, Types.VARCHAR);
    } else {
      insertCrawl.setString(12, Json.write(outcome.serverRequests()));
    }
    insertCrawl.addBatch();
    boolean replace =
        outcome.status().usable()
            && (!outcome.tools().isEmpty() || outcome.status() == CrawlStatus.OK);
    if (!replace) {
      return List.of();
    }
    if (!pendingServers.add(outcome.serverId())) {
      flush();
      pendingServers.add(outcome.serverId());
    }
    return replaceTools(runId, outcome);
  }

  /** Sends every pending row, in statement order. */
  void flush() throws SQLException {
    insertCrawl.executeBatch();
    insertDefinition.executeBatch();
    // before the tools rows change: a set's last sighting goes into the rows that were current
    settleTools.executeBatch();
    settleHistory.executeBatch();
    deleteSet.executeBatch();
    delete.executeBatch();
    update.executeBatch();
    insert.executeBatch();
    bumpHistory.executeBatch();
    insertHistory.executeBatch();
    updateSet.executeBatch();
    insertSet.executeBatch();
    pendingServers.clear();
  }

  /**
   * Rows this writer wrote, by kind: what an unchanged crawl costs is visible here (tests assert
   * it; no timings). Mutable, not thread-safe, as the writer.
   */
  static final class WriteCounts {
    /** {@code tools} rows inserted. */
    int inserted;

    /** {@code tools} rows whose definition, JSON or origin changed. */
    int updated;

    /** {@code tools} rows deleted (tools no longer listed). */
    int deleted;

    /** {@code tool_definitions} rows inserted (a new definition of a tool). */
    int historyInserted;

    /**
     * Servers whose whole tool set was as stored: only their {@code tool_sets} row moved, no {@code
     * tools} or {@code tool_definitions} row was written.
     */
    int serversUnchanged;
  }

  /** The later of two times; null when both are. */
  private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
    if (a == null) {
      return b;
    }
    return b == null || !b.isAfter(a) ? a : b;
  }

  /** A current tool row: its definition hash, JSON key and origin. */
  private record Current(String definitionHash, String jsonHash, String origin) {}

  private List<ToolChange> replaceTools(long runId, CrawlOutcome outcome) throws SQLException {
    String serverId = outcome.serverId();
    OffsetDateTime at = CatalogueStore.utc(outcome.at());
    String origin = CatalogueStore.origin(outcome.method());
    Map<String, ToolDefinition> byName = new LinkedHashMap<>();
    for (ToolDefinition tool : outcome.tools()) {
      byName.putIfAbsent(tool.name(), tool);
    }
    Map<String, Current> current = new HashMap<>();
    OffsetDateTime lastSeen = null;
    selectCurrent.setString(1, serverId);
    try (ResultSet rs = selectCurrent.executeQuery()) {
      while (rs.next()) {
        current.put(
            rs.getString(1),
            new Current(rs.getString(2).trim(), rs.getString(3).trim(), rs.getString(4)));
        lastSeen = later(lastSeen, rs.getObject(5, OffsetDateTime.class));
      }
    }
    OffsetDateTime setSeen = null;
    selectSet.setString(1, serverId);
    try (ResultSet rs = selectSet.executeQuery()) {
      if (rs.next()) {
        setSeen = rs.getObject(1, OffsetDateTime.class);
      }
    }
    lastSeen = later(lastSeen, setSeen);
    Map<String, String> history = new HashMap<>();
    Map<String, String> historyJson = new HashMap<>();
    selectHistory.setString(1, serverId);
    try (ResultSet rs = selectHistory.executeQuery()) {
      while (rs.next()) {
        String hash = rs.getString(2).trim();
        history.put(rs.getString(1) + "/" + hash, rs.getString(3).trim());
        historyJson.put(rs.getString(3).trim(), hash);
      }
    }
    Set<String> changed = new HashSet<>();
    boolean removedAny = false;
    for (String name : current.keySet()) {
      if (!byName.containsKey(name)) {
        removedAny = true;
        delete.setString(1, serverId);
        delete.setString(2, name);
        delete.addBatch();
        counts.deleted++;
      }
    }
    Map<String, String> jsonHashes = new HashMap<>();
    Map<String, String> hashes = new HashMap<>();
    for (ToolDefinition tool : byName.values()) {
      String json = Json.write(tool.json());
      String jsonHash = Json.sha256Hex(json);
      Current before = current.get(tool.name());
      // the same text is the same definition: its hash is known without canonicalising the JSON
      String hash =
          before != null && before.jsonHash().equals(jsonHash)
              ? before.definitionHash()
              : historyJson.get(jsonHash);
      if (hash == null) {
        hash = tool.definitionHash();
      }
      jsonHashes.put(tool.name(), jsonHash);
      hashes.put(tool.name(), hash);
      boolean same =
          before != null
              && before.definitionHash().equals(hash)
              && before.jsonHash().equals(jsonHash)
              && before.origin().equals(origin)
              && history.containsKey(tool.name() + "/" + hash);
      if (same) {
        continue;
      }
      changed.add(tool.name());
      if ((before == null || !before.jsonHash().equals(jsonHash))
          && !historyJson.containsKey(jsonHash)) {
        insertDefinition.setString(1, serverId);
        insertDefinition.setString(2, tool.name());
        insertDefinition.setString(3, jsonHash);
        insertDefinition.setString(4, json);
        insertDefinition.setString(5, serverId);
        insertDefinition.setString(6, tool.name());
        insertDefinition.setString(7, jsonHash);
        insertDefinition.addBatch();
      }
      PreparedStatement ps = before != null ? update : insert;
      ps.setString(1, hash);
      ps.setString(2, jsonHash);
      ps.setString(3, origin);
      ps.setObject(4, at);
      ps.setObject(5, at);
      ps.setString(6, serverId);
      ps.setString(7, tool.name());
      ps.addBatch();
      if (before != null) {
        counts.updated++;
      } else {
        counts.inserted++;
      }
    }
    boolean unchanged = changed.isEmpty() && !removedAny && !byName.isEmpty();
    if (unchanged && lastSeen != null && !at.isBefore(lastSeen)) {
      // the whole tool set is as stored, seen no earlier than before: one row moves
      PreparedStatement ps = setSeen != null ? updateSet : insertSet;
      ps.setObject(1, at);
      ps.setString(2, serverId);
      ps.addBatch();
      counts.serversUnchanged++;
    } else {
      if (setSeen != null) {
        for (PreparedStatement ps : List.of(settleTools, settleHistory)) {
          ps.setObject(1, setSeen);
          ps.setString(2, serverId);
          ps.addBatch();
        }
        deleteSet.setString(1, serverId);
        deleteSet.addBatch();
      }
      for (ToolDefinition tool : byName.values()) {
        String hash = hashes.get(tool.name());
        boolean known = history.containsKey(tool.name() + "/" + hash);
        PreparedStatement hs = known ? bumpHistory : insertHistory;
        hs.setObject(1, at);
        hs.setObject(2, at);
        hs.setString(3, serverId);
        hs.setString(4, tool.name());
        hs.setString(5, hash);
        if (!known) {
          hs.setString(6, jsonHashes.get(tool.name()));
          counts.historyInserted++;
        }
        hs.addBatch();
      }
      // unchanged tools of a changed set: their rows' last_seen moves with the set
      for (ToolDefinition tool : byName.values()) {
        if (!changed.contains(tool.name())) {
          update.setString(1, hashes.get(tool.name()));
          update.setString(2, jsonHashes.get(tool.name()));
          update.setString(3, origin);
          update.setObject(4, at);
          update.setObject(5, at);
          update.setString(6, serverId);
          update.setString(7, tool.name());
          update.addBatch();
        }
      }
    }
    boolean baseline = current.isEmpty() && history.isEmpty();
    return baseline || (changed.isEmpty() && !removedAny)
        ? List.of()
        : changes(runId, outcome, byName, current, hashes);
  }

  private List<ToolChange> changes(
      long runId,
      CrawlOutcome outcome,
      Map<String, ToolDefinition> byName,
      Map<String, Current> current,
      Map<String, String> hashes)
      throws SQLException {
    List<ToolChange> out = new ArrayList<>();
    String serverId = outcome.serverId();
    List<String> removed = new ArrayList<>(current.keySet());
    removed.removeAll(byName.keySet());
    removed.sort(ORDINAL);
    for (ToolDefinition tool : byName.values()) {
      Current before = current.get(tool.name());
      if (before == null) {
        out.add(ChangeTable.added(runId, serverId, outcome.at(), tool));
      } else if (!hashes.get(tool.name()).equals(before.definitionHash())) {
        out.addAll(
            ChangeTable.diff(
                runId,
                serverId,
                outcome.at(),
                storedTool(serverId, tool.name(), before.jsonHash()),
                tool));
      }
    }
    for (String name : removed) {
      out.add(
          ChangeTable.removed(
              runId,
              serverId,
              outcome.at(),
              storedTool(serverId, name, current.get(name).jsonHash())));
    }
    return out;
  }

  /** The stored definition of a tool whose JSON text has this SHA-256, from {@code definitions}. */
  private ToolDefinition storedTool(String serverId, String name, String jsonHash)
      throws SQLException {
    selectJson.setString(1, serverId);
    selectJson.setString(2, name);
    selectJson.setString(3, jsonHash);
    String json;
    try (ResultSet rs = selectJson.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the store holds a tool without its definition " + jsonHash);
      }
      json = rs.getString(1);
    }
    try {
      return ToolDefinition.of(Json.parse(json));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SQLException("the store holds a tool that cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws SQLException {
    closeAll(null);
  }

  private void closeAll(SQLException primary) throws SQLException {
    SQLException first = primary;
    for (PreparedStatement ps : all) {
      try {
        ps.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (primary == null && first != null) {
      throw first;
    }
  }
}
