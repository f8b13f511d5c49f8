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
  private final PreparedStatement delete;
  private final PreparedStatement update;
  private final PreparedStatement insert;
  private final PreparedStatement bumpHistory;
  private final PreparedStatement insertHistory;
  private final List<PreparedStatement> all = new ArrayList<>();
  private final Set<String> pendingServers = new HashSet<>();

  CrawlWriter(Connection c) throws SQLException {
    try {
      insertCrawl =
          prepare(
              c,
              "INSERT INTO crawls (run_id, server_id, status, reason, crawled_at, method,"
                  + " protocol_version, pages, duration_ms, bytes_read)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      selectCurrent =
          prepare(
              c, "SELECT name, definition_json, definition_hash FROM tools WHERE server_id = ?");
      selectHistory =
          prepare(
              c, "SELECT name || '/' || definition_hash FROM tool_definitions WHERE server_id = ?");
      delete = prepare(c, "DELETE FROM tools WHERE server_id = ? AND name = ?");
      update =
          prepare(
              c,
              "UPDATE tools SET definition_hash = ?, definition_json = ?, origin = ?,"
                  + " first_seen = LEAST(first_seen, CAST(? AS TIMESTAMP WITH TIME ZONE)),"
                  + " last_seen = GREATEST(last_seen, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                  + " WHERE server_id = ? AND name = ?");
      insert =
          prepare(
              c,
              "INSERT INTO tools (definition_hash, definition_json, origin, first_seen,"
                  + " last_seen, server_id, name) VALUES (?, ?, ?, ?, ?, ?, ?)");
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
                  + " definition_hash, definition_json) VALUES (?, ?, ?, ?, ?, ?)");
    } catch (SQLException e) {
      closeAll(e);
      throw e;
    }
  }

  private PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    all.add(ps);
    return ps;
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
    delete.executeBatch();
    update.executeBatch();
    insert.executeBatch();
    bumpHistory.executeBatch();
    insertHistory.executeBatch();
    pendingServers.clear();
  }

  private List<ToolChange> replaceTools(long runId, CrawlOutcome outcome) throws SQLException {
    String serverId = outcome.serverId();
    OffsetDateTime at = CatalogueStore.utc(outcome.at());
    String origin = CatalogueStore.origin(outcome.method());
    Map<String, ToolDefinition> byName = new LinkedHashMap<>();
    for (ToolDefinition tool : outcome.tools()) {
      byName.putIfAbsent(tool.name(), tool);
    }
    Map<String, String> currentJson = new HashMap<>();
    Map<String, String> currentHash = new HashMap<>();
    selectCurrent.setString(1, serverId);
    try (ResultSet rs = selectCurrent.executeQuery()) {
      while (rs.next()) {
        currentJson.put(rs.getString(1), rs.getString(2));
        currentHash.put(rs.getString(1), rs.getString(3).trim());
      }
    }
    Set<String> history = new HashSet<>();
    selectHistory.setString(1, serverId);
    try (ResultSet rs = selectHistory.executeQuery()) {
      while (rs.next()) {
        history.add(rs.getString(1));
      }
    }
    Set<String> current = currentJson.keySet();
    for (String name : current) {
      if (!byName.containsKey(name)) {
        delete.setString(1, serverId);
        delete.setString(2, name);
        delete.addBatch();
      }
    }
    for (ToolDefinition tool : byName.values()) {
      String hash = tool.definitionHash();
      String json = Json.write(tool.json());
      PreparedStatement ps = current.contains(tool.name()) ? update : insert;
      ps.setString(1, hash);
      ps.setString(2, json);
      ps.setString(3, origin);
      ps.setObject(4, at);
      ps.setObject(5, at);
      ps.setString(6, serverId);
      ps.setString(7, tool.name());
      ps.addBatch();
      boolean known = history.contains(tool.name() + "/" + hash);
      PreparedStatement hs = known ? bumpHistory : insertHistory;
      hs.setObject(1, at);
      hs.setObject(2, at);
      hs.setString(3, serverId);
      hs.setString(4, tool.name());
      hs.setString(5, hash);
      if (!known) {
        hs.setString(6, json);
      }
      hs.addBatch();
    }
    boolean baseline = current.isEmpty() && history.isEmpty();
    return baseline ? List.of() : changes(runId, outcome, byName, currentJson, currentHash);
  }

  private static List<ToolChange> changes(
      long runId,
      CrawlOutcome outcome,
      Map<String, ToolDefinition> byName,
      Map<String, String> currentJson,
      Map<String, String> currentHash)
      throws SQLException {
    List<ToolChange> out = new ArrayList<>();
    String serverId = outcome.serverId();
    List<String> removed = new ArrayList<>(currentJson.keySet());
    removed.removeAll(byName.keySet());
    removed.sort(ORDINAL);
    for (ToolDefinition tool : byName.values()) {
      String before = currentJson.get(tool.name());
      if (before == null) {
        out.add(ChangeTable.added(runId, serverId, outcome.at(), tool));
      } else if (!tool.definitionHash().equals(currentHash.get(tool.name()))) {
        out.addAll(ChangeTable.diff(runId, serverId, outcome.at(), storedTool(before), tool));
      }
    }
    for (String name : removed) {
      out.add(
          ChangeTable.removed(runId, serverId, outcome.at(), storedTool(currentJson.get(name))));
    }
    return out;
  }

  private static ToolDefinition storedTool(String json) throws SQLException {
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
