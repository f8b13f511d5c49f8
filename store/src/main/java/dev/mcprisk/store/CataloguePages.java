package dev.mcprisk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the catalogue a page of servers at a time, by keyset on the server id ({@code id > last id
 * ORDER BY id}): the memory of a read is bounded by the page, never by the catalogue. The rows of a
 * page's tools, crawls and history are read by id range ({@code server_id BETWEEN first AND last}),
 * which the primary keys and the {@code crawls_server} index serve.
 *
 * <p>Order: ids compare as H2 compares VARCHAR by default, which is Java's {@link String#compareTo}
 * (the order the exports promise); a PostgreSQL database must use the {@code C} collation on {@code
 * servers.id} for the same order.
 *
 * <p>Thread-safety: stateless; the caller's connection and transaction.
 */
final class CataloguePages {
  private static final Comparator<String> ORDINAL = Comparator.naturalOrder();

  private CataloguePages() {}

  /** Ids and entry JSON of up to {@code limit} servers after {@code afterId}, sorted by id. */
  private static LinkedHashMap<String, String> serverRows(Connection c, String afterId, int limit)
      throws SQLException {
    LinkedHashMap<String, String> rows = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, entry_json FROM servers WHERE id > ? ORDER BY id FETCH FIRST ? ROWS"
                + " ONLY")) {
      ps.setString(1, afterId == null ? "" : afterId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return rows;
  }

  private static String first(Map<String, String> rows) {
    return rows.keySet().iterator().next();
  }

  private static String last(Map<String, String> rows) {
    String last = null;
    for (String id : rows.keySet()) {
      last = id;
    }
    return last;
  }

  static StoredPage page(
      Connection c, String afterId, int limit, String classifierVersion, boolean withHistory)
      throws SQLException {
    return page(c, serverRows(c, afterId, limit), classifierVersion, withHistory);
  }

  /**
   * The servers of {@code ids} that exist, in id order, as one page: each read by its own range
   * queries (from and to its id), so scattered ids cost a few indexed lookups each, not a scan of
   * the ids between them.
   */
  static StoredPage pageOf(Connection c, Collection<String> ids, String classifierVersion)
      throws SQLException {
    List<StoredServer> servers = new ArrayList<>();
    Map<String, Assessment> assessments = new HashMap<>();
    Map<ToolKey, ToolHistory> history = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT entry_json FROM servers WHERE id = ?")) {
      for (String id : new TreeSet<>(ids)) {
        ps.setString(1, id);
        LinkedHashMap<String, String> rows = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            rows.put(id, rs.getString(1));
          }
        }
        if (rows.isEmpty()) {
          continue;
        }
        StoredPage one = page(c, rows, classifierVersion, true);
        servers.addAll(one.servers());
        assessments.putAll(one.assessments());
        history.putAll(one.history());
      }
    }
    return new StoredPage(servers, assessments, history);
  }

  private static StoredPage page(
      Connection c,
      LinkedHashMap<String, String> rows,
      String classifierVersion,
      boolean withHistory)
      throws SQLException {
    if (rows.isEmpty()) {
      return new StoredPage(List.of(), Map.of(), Map.of());
    }
    String from = first(rows);
    String to = last(rows);
    Map<String, CrawlSummary> crawls = latestCrawls(c, from, to);
    Map<String, List<StoredTool>> tools = new HashMap<>();
    Map<String, Assessment> assessments = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.server_id, d.definition_json, t.definition_hash, t.origin,"
                + " a.assessment_json FROM tools t"
                + " JOIN definitions d ON d.server_id = t.server_id AND d.name = t.name"
                + " AND d.json_hash = t.json_hash"
                + " LEFT JOIN assessments a"
                + " ON a.definition_hash = t.definition_hash AND a.classifier_version = ?"
                + " WHERE t.server_id >= ? AND t.server_id <= ?")) {
      ps.setString(1, classifierVersion);
      ps.setString(2, from);
      ps.setString(3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String serverId = rs.getString(1);
          if (!rows.containsKey(serverId)) {
            continue; // tools of a server id that was never upserted
          }
          String hash = rs.getString(3).trim();
          tools
              .computeIfAbsent(serverId, k -> new ArrayList<>())
              .add(new StoredTool(tool(rs.getString(2)), hash, rs.getString(4)));
          String assessment = rs.getString(5);
          if (assessment != null && !assessments.containsKey(hash)) {
            assessments.put(hash, json(assessment, Assessment.class));
          }
        }
      }
    }
    List<StoredServer> servers = new ArrayList<>(rows.size());
    for (Map.Entry<String, String> row : rows.entrySet()) {
      List<StoredTool> list = tools.getOrDefault(row.getKey(), new ArrayList<>());
      list.sort(Comparator.comparing(t -> t.definition().name(), ORDINAL));
      servers.add(
          new StoredServer(
              json(row.getValue(), ServerEntry.class), crawls.get(row.getKey()), list));
    }
    return new StoredPage(
        servers, assessments, withHistory ? ChangeTable.history(c, from, to) : Map.of());
  }

  /**
   * The latest crawl of each server with an id from {@code from} to {@code to} (both included,
   * ordinal order), by server id: one range query on {@code crawls_server}.
   */
  static Map<String, CrawlSummary> latestCrawls(Connection c, String from, String to)
      throws SQLException {
    Map<String, CrawlSummary> crawls = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.server_id, c.status, c.reason, c.crawled_at, c.method, c.protocol_version,"
                + " c.client_capabilities FROM crawls c JOIN (SELECT MAX(id) AS max_id FROM crawls"
                + " WHERE server_id >= ? AND server_id <= ? GROUP BY server_id) m"
                + " ON c.id = m.max_id")) {
      ps.setString(1, from);
      ps.setString(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          crawls.put(
              rs.getString(1),
              new CrawlSummary(
                  status(rs.getString(2)),
                  rs.getString(3),
                  rs.getObject(4, OffsetDateTime.class).toInstant(),
                  rs.getString(5),
                  rs.getString(6),
                  capabilities(rs.getString(7))));
        }
      }
    }
    return crawls;
  }

  private static CrawlStatus status(String text) throws SQLException {
    try {
      return CrawlStatus.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new SQLException("unknown crawl status in the crawl log: " + text, e);
    }
  }

  static ToolDefinition tool(String json) throws SQLException {
    try {
      return ToolDefinition.of(Json.parse(json));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SQLException("the store holds a tool that cannot be read: " + e.getMessage(), e);
    }
  }

  /** A stored {@code client_capabilities} value: null for SQL NULL, else its JSON. */
  static JsonNode capabilities(String json) throws SQLException {
    return json == null ? null : json(json, JsonNode.class);
  }

  static <T> T json(String json, Class<T> type) throws SQLException {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SQLException(
          "the store holds a " + type.getSimpleName() + " that cannot be read: " + e.getMessage(),
          e);
    }
  }
}
