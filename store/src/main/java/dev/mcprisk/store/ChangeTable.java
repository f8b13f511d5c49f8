package dev.mcprisk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ToolDefinition;
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
import java.util.Objects;

/**
 * Change detection, the SQL of {@code tool_changes} (schema 2) and the reads of the tool history
 * ({@code tool_definitions}).
 */
final class ChangeTable {
  private static final String SELECT =
      "SELECT id, run_id, server_id, tool_name, kind, changed_at, old_json, new_json, old_hash,"
          + " new_hash, suspected_rug_pull FROM tool_changes";

  private ChangeTable() {}

  /**
   * The change events between two definitions of one tool; none when the hashes are equal. A
   * difference in {@code title} alone changes the hash but is not one of the kinds: no event.
   */
  static List<ToolChange> diff(
      long runId, String serverId, Instant at, ToolDefinition before, ToolDefinition after) {
    String oldHash = before.definitionHash();
    String newHash = after.definitionHash();
    List<ToolChange> out = new ArrayList<>();
    if (oldHash.equals(newHash)) {
      return out;
    }
    String name = after.name();
    if (!Objects.equals(before.description(), after.description())) {
      out.add(
          event(
              runId,
              serverId,
              name,
              ChangeKind.DESCRIPTION_CHANGED,
              at,
              text(before.description()),
              text(after.description()),
              oldHash,
              newHash));
    }
    ObjectNode oldSchemas = schemas(before);
    ObjectNode newSchemas = schemas(after);
    if (!oldSchemas.equals(newSchemas)) {
      out.add(
          event(
              runId,
              serverId,
              name,
              ChangeKind.SCHEMA_CHANGED,
              at,
              oldSchemas,
              newSchemas,
              oldHash,
              newHash));
    }
    if (!Objects.equals(before.annotationsJson(), after.annotationsJson())) {
      out.add(
          event(
              runId,
              serverId,
              name,
              ChangeKind.ANNOTATIONS_CHANGED,
              at,
              before.annotationsJson(),
              after.annotationsJson(),
              oldHash,
              newHash));
    }
    return out;
  }

  static ToolChange added(long runId, String serverId, Instant at, ToolDefinition tool) {
    return event(
        runId,
        serverId,
        tool.name(),
        ChangeKind.ADDED,
        at,
        null,
        tool.json(),
        null,
        tool.definitionHash());
  }

  static ToolChange removed(long runId, String serverId, Instant at, ToolDefinition tool) {
    return event(
        runId,
        serverId,
        tool.name(),
        ChangeKind.REMOVED,
        at,
        tool.json(),
        null,
        tool.definitionHash(),
        null);
  }

  private static ToolChange event(
      long runId,
      String serverId,
      String name,
      ChangeKind kind,
      Instant at,
      JsonNode oldValue,
      JsonNode newValue,
      String oldHash,
      String newHash) {
    return new ToolChange(
        0, runId, serverId, name, kind, at, oldValue, newValue, oldHash, newHash, false);
  }

  private static JsonNode text(String value) {
    return value == null ? null : TextNode.valueOf(value);
  }

  private static ObjectNode schemas(ToolDefinition tool) {
    ObjectNode out = Json.object();
    if (tool.inputSchema() != null && !tool.inputSchema().isNull()) {
      out.set("inputSchema", tool.inputSchema());
    }
    if (tool.outputSchema() != null && !tool.outputSchema().isNull()) {
      out.set("outputSchema", tool.outputSchema());
    }
    return out;
  }

  static void insert(Connection c, Collection<ToolChange> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO tool_changes (run_id, server_id, tool_name, kind, changed_at, old_json,"
                + " new_json, old_hash, new_hash, suspected_rug_pull)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ToolChange change : changes) {
        ps.setLong(1, change.runId());
        ps.setString(2, change.serverId());
        ps.setString(3, change.toolName());
        ps.setString(4, change.kind().name());
        ps.setObject(5, CatalogueStore.utc(change.at()));
        setNullable(ps, 6, change.oldValue() == null ? null : Json.write(change.oldValue()));
        setNullable(ps, 7, change.newValue() == null ? null : Json.write(change.newValue()));
        setNullable(ps, 8, change.oldHash());
        setNullable(ps, 9, change.newHash());
        ps.setBoolean(10, change.suspectedRugPull());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static int markSuspected(Connection c, long runId, Collection<ToolKey> tools)
      throws SQLException {
    int marked = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE tool_changes SET suspected_rug_pull = TRUE"
                + " WHERE run_id = ? AND server_id = ? AND tool_name = ? AND kind <> ?")) {
      for (ToolKey key : tools) {
        ps.setLong(1, runId);
        ps.setString(2, key.serverId());
        ps.setString(3, key.toolName());
        ps.setString(4, ChangeKind.ADDED.name());
        marked += ps.executeUpdate();
      }
    }
    return marked;
  }

  static List<ToolChange> ofRun(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE run_id = ? ORDER BY id")) {
      ps.setLong(1, runId);
      return read(ps);
    }
  }

  static List<ToolChange> select(Connection c, Instant since, String serverId, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
    if (since != null) {
      sql.append(" AND changed_at >= ?");
    }
    if (serverId != null) {
      sql.append(" AND server_id = ?");
    }
    sql.append(" ORDER BY changed_at DESC, id DESC FETCH FIRST ? ROWS ONLY");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (since != null) {
        ps.setObject(i++, CatalogueStore.utc(since));
      }
      if (serverId != null) {
        ps.setString(i++, serverId);
      }
      ps.setInt(i, limit);
      return read(ps);
    }
  }

  /**
   * The JSON text of one historical definition of a tool, from {@code tool_definitions} and {@code
   * definitions}; null when the store never saw that (server, name, hash).
   */
  static String definitionJson(
      Connection c, String serverId, String toolName, String definitionHash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT d.definition_json FROM tool_definitions h"
                + " JOIN definitions d ON d.server_id = h.server_id AND d.name = h.name"
                + " AND d.json_hash = h.json_hash"
                + " WHERE h.server_id = ? AND h.name = ? AND h.definition_hash = ?")) {
      ps.setString(1, serverId);
      ps.setString(2, toolName);
      ps.setString(3, definitionHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static Map<ToolKey, ToolHistory> history(Connection c) throws SQLException {
    return history(c, null, null);
  }

  /**
   * As {@link #history(Connection)}, for the servers with ids from {@code fromId} to {@code toId}
   * (both included, ordinal order); both null for every server.
   */
  static Map<ToolKey, ToolHistory> history(Connection c, String fromId, String toId)
      throws SQLException {
    boolean range = fromId != null;
    Map<ToolKey, Instant> lastEvent = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT server_id, tool_name, MAX(changed_at) FROM tool_changes"
                + " WHERE kind IN ('DESCRIPTION_CHANGED', 'SCHEMA_CHANGED',"
                + " 'ANNOTATIONS_CHANGED')"
                + (range ? " AND server_id >= ? AND server_id <= ?" : "")
                + " GROUP BY server_id, tool_name")) {
      if (range) {
        ps.setString(1, fromId);
        ps.setString(2, toId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lastEvent.put(
              new ToolKey(rs.getString(1), rs.getString(2)),
              rs.getObject(3, OffsetDateTime.class).toInstant());
        }
      }
    }
    Map<ToolKey, ToolHistory> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT h.server_id, h.name, MIN(h.first_seen),"
                + " MAX(CASE WHEN s.last_seen > h.last_seen THEN s.last_seen"
                + " ELSE h.last_seen END),"
                + " MAX(h.first_seen), COUNT(*) FROM tool_definitions h"
                // a current definition was also seen when its server's set was last seen unchanged
                + " LEFT JOIN tools t ON t.server_id = h.server_id AND t.name = h.name"
                + " AND t.definition_hash = h.definition_hash"
                + " LEFT JOIN tool_sets s ON s.server_id = t.server_id"
                + (range ? " WHERE h.server_id >= ? AND h.server_id <= ?" : "")
                + " GROUP BY h.server_id, h.name")) {
      if (range) {
        ps.setString(1, fromId);
        ps.setString(2, toId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ToolKey key = new ToolKey(rs.getString(1), rs.getString(2));
          int definitions = rs.getInt(6);
          Instant changed = lastEvent.get(key);
          if (changed == null && definitions > 1) {
            // history from before change events (schema 1): the newest definition's first sighting
            changed = rs.getObject(5, OffsetDateTime.class).toInstant();
          }
          out.put(
              key,
              new ToolHistory(
                  rs.getObject(3, OffsetDateTime.class).toInstant(),
                  rs.getObject(4, OffsetDateTime.class).toInstant(),
                  changed,
                  definitions));
        }
      }
    }
    return out;
  }

  private static List<ToolChange> read(PreparedStatement ps) throws SQLException {
    List<ToolChange> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ChangeKind kind;
        try {
          kind = ChangeKind.valueOf(rs.getString(5));
        } catch (IllegalArgumentException e) {
          throw new SQLException("unknown change kind: " + rs.getString(5), e);
        }
        out.add(
            new ToolChange(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                kind,
                rs.getObject(6, OffsetDateTime.class).toInstant(),
                json(rs.getString(7)),
                json(rs.getString(8)),
                trim(rs.getString(9)),
                trim(rs.getString(10)),
                rs.getBoolean(11)));
      }
    }
    return out;
  }

  private static JsonNode json(String text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new SQLException("a change event's value cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  private static String trim(String hash) {
    return hash == null ? null : hash.trim();
  }

  private static void setNullable(PreparedStatement ps, int index, String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}
