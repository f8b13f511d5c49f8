package dev.mcprisk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The catalogue's database: servers, the crawl log, current tool sets, the history of tool
 * definitions, pipeline runs and the assessment cache.
 *
 * <p>By default an embedded H2 file database, {@code <home>/catalogue.mv.db}; any JDBC database
 * that runs the portable migrations in {@code classpath:db/migration} (PostgreSQL needs the {@code
 * org.flywaydb:flyway-database-postgresql} artifact and its JDBC driver on the class path) can be
 * opened with {@link #open(String, String, String)}. The schema is migrated by Flyway on open.
 *
 * <p>Identity and change follow shared/DESIGN.md, "Identity and change": a server by its id, a tool
 * by (server id, tool name), a definition by its SHA-256 {@link ToolDefinition#definitionHash()}; a
 * history row is added only when a hash is new; assessments are cached by (hash, classifier
 * version).
 *
 * <p>Every write method runs in one transaction: it either happens completely or not at all.
 *
 * <p>Thread-safety: one JDBC connection; all methods are {@code synchronized}, so an instance may
 * be shared, but calls are serialised. One H2 file database can be open in one process at a time.
 */
public final class CatalogueStore implements AutoCloseable {
  /** File name stem of the H2 database under the data home (H2 adds {@code .mv.db}). */
  public static final String H2_FILE_STEM = "catalogue";

  /** Where Flyway finds the migrations. */
  public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

  /**
   * {@link CrawlOutcome#method()} of a recorded answer; tools from it get origin {@code snapshot}.
   */
  public static final String METHOD_SNAPSHOT = "snapshot";

  /** Origin of a tool read from a live crawl. */
  public static final String ORIGIN_LIVE = "live";

  /** H2's error code for a database file held open by another process (ErrorCode 90020). */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  private static final Comparator<String> ORDINAL = Comparator.naturalOrder();

  private final Connection connection;
  private final String location;

  private CatalogueStore(Connection connection, String location) {
    this.connection = connection;
    this.location = location;
  }

  /**
   * Opens (creating and migrating when needed) the H2 file database {@code <home>/catalogue.mv.db},
   * JDBC URL {@code jdbc:h2:file:<absolute home>/catalogue}, user {@code sa}, empty password.
   * Creates {@code home} and its parents when missing.
   *
   * @param home the data home directory
   * @throws StoreException naming the path when the home cannot be created or written, the database
   *     is locked by another process, or migration fails
   */
  public static CatalogueStore open(Path home) throws StoreException {
    Objects.requireNonNull(home, "home == null");
    Path dir = home.toAbsolutePath().normalize();
    String where = dir.toString();
    if (where.indexOf(';') >= 0) {
      // H2 reads ';' in a URL as the start of settings (e.g. INIT=...): refuse, never escape.
      throw new StoreException(
          "data home " + where + " contains ';', which H2 URLs cannot hold", where, null);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create data home " + where + ": " + e.getClass().getSimpleName(), where, e);
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new StoreException("data home " + where + " is not a writable directory", where, null);
    }
    String url = "jdbc:h2:file:" + dir.resolve(H2_FILE_STEM);
    return open(url, "sa", "", where);
  }

  /**
   * Opens (migrating when needed) any JDBC database, e.g. {@code jdbc:postgresql://host/mcprisk}.
   * The driver must be on the class path.
   *
   * @param jdbcUrl JDBC URL; never null
   * @param user database user; may be null
   * @param password database password; may be null
   * @throws StoreException naming the URL when the database cannot be reached, is locked, or
   *     migration fails
   */
  public static CatalogueStore open(String jdbcUrl, String user, String password)
      throws StoreException {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    return open(jdbcUrl, user, password, jdbcUrl);
  }

  private static CatalogueStore open(String url, String user, String password, String where)
      throws StoreException {
    Connection connection;
    try {
      connection = DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        throw new StoreException(
            "catalogue database at "
                + where
                + " is locked by another process (is another mcprisk run active?)",
            where,
            e);
      }
      throw new StoreException(
          "cannot open catalogue database at " + where + ": " + e.getMessage(), where, e);
    }
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations(MIGRATIONS_LOCATION)
          .failOnMissingLocations(true)
          .load()
          .migrate();
      connection.setAutoCommit(false);
    } catch (FlywayException | SQLException e) {
      closeQuietly(connection);
      throw new StoreException(
          "cannot migrate catalogue database at " + where + ": " + e.getMessage(), where, e);
    }
    return new CatalogueStore(connection, where);
  }

  /**
   * Records the start of a pipeline run.
   *
   * @param trigger what started it, e.g. {@code cli}, {@code schedule}; at most 64 chars
   * @param at when it started
   * @return the new run's id, positive
   * @throws StoreException when the insert fails
   */
  public synchronized long startRun(String trigger, Instant at) throws StoreException {
    Objects.requireNonNull(trigger, "trigger == null");
    Objects.requireNonNull(at, "at == null");
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO runs (run_trigger, started_at) VALUES (?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, trigger);
            ps.setObject(2, utc(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              if (!keys.next()) {
                throw new SQLException("no generated run id");
              }
              return keys.getLong(1);
            }
          }
        });
  }

  /**
   * Records the end of a pipeline run.
   *
   * @param runId an id from {@link #startRun}
   * @param status how it ended, e.g. {@code ok}, {@code failed}; at most 64 chars
   * @param at when it ended
   * @param statsJson run statistics as JSON text; may be null
   * @throws IllegalArgumentException when there is no run {@code runId}
   * @throws StoreException when the update fails
   */
  public synchronized void finishRun(long runId, String status, Instant at, String statsJson)
      throws StoreException {
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(at, "at == null");
    int updated =
        inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE runs SET finished_at = ?, status = ?, stats_json = ? WHERE id = ?")) {
                ps.setObject(1, utc(at));
                ps.setString(2, status);
                ps.setString(3, statsJson);
                ps.setLong(4, runId);
                return ps.executeUpdate();
              }
            });
    if (updated == 0) {
      throw new IllegalArgumentException("no run with id " + runId);
    }
  }

  /**
   * Inserts or replaces servers by id, in one transaction. When {@code servers} holds an id twice,
   * the last entry wins.
   *
   * @throws StoreException when the write fails (nothing is written then)
   */
  public synchronized void upsertServers(Collection<ServerEntry> servers) throws StoreException {
    Objects.requireNonNull(servers, "servers == null");
    Map<String, ServerEntry> byId = new LinkedHashMap<>();
    for (ServerEntry entry : servers) {
      byId.put(entry.id(), entry);
    }
    if (byId.isEmpty()) {
      return;
    }
    inTransaction(
        c -> {
          Set<String> existing = new HashSet<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT id FROM servers");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              existing.add(rs.getString(1));
            }
          }
          try (PreparedStatement update =
                  c.prepareStatement(
                      "UPDATE servers SET name = ?, source = ?, status = ?, entry_json = ?"
                          + " WHERE id = ?");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO servers (name, source, status, entry_json, id)"
                          + " VALUES (?, ?, ?, ?, ?)")) {
            for (ServerEntry entry : byId.values()) {
              PreparedStatement ps = existing.contains(entry.id()) ? update : insert;
              ps.setString(1, entry.name());
              ps.setString(2, entry.source());
              ps.setString(3, entry.status());
              ps.setString(4, Json.write(entry));
              ps.setString(5, entry.id());
              ps.addBatch();
            }
            update.executeBatch();
            insert.executeBatch();
          }
          return null;
        });
  }

  /**
   * Appends one crawl to the crawl log and, when it produced usable tools, makes them the server's
   * current tool set, in one transaction.
   *
   * <p>The tool set is replaced when {@code outcome.status().usable()} and either tools were listed
   * or the status is {@link CrawlStatus#OK} (an OK crawl listing no tools empties the set). A
   * failed crawl, or an {@code AUTH_REQUIRED} one without tools, never removes earlier tools. A
   * history row in {@code tool_definitions} is added for each (server, name, hash) not seen before;
   * a known one has its {@code last_seen} moved forward. When two tools share a name, the first
   * listed wins.
   *
   * @param runId the run this crawl belongs to (from {@link #startRun})
   * @param outcome the crawl's outcome
   * @throws StoreException when the write fails (nothing is written then), e.g. no such run
   */
  public synchronized void recordCrawl(long runId, CrawlOutcome outcome) throws StoreException {
    Objects.requireNonNull(outcome, "outcome == null");
    inTransaction(
        c -> {
          insertCrawl(c, runId, outcome);
          boolean replace =
              outcome.status().usable()
                  && (!outcome.tools().isEmpty() || outcome.status() == CrawlStatus.OK);
          if (replace) {
            replaceTools(c, outcome);
          }
          return null;
        });
  }

  private static void insertCrawl(Connection c, long runId, CrawlOutcome outcome)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO crawls (run_id, server_id, status, reason, crawled_at, method,"
                + " protocol_version, pages, duration_ms, bytes_read)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, runId);
      ps.setString(2, outcome.serverId());
      ps.setString(3, outcome.status().name());
      ps.setString(4, outcome.reason());
      ps.setObject(5, utc(outcome.at()));
      ps.setString(6, outcome.method());
      if (outcome.protocolVersion() == null) {
        ps.setNull(7, Types.VARCHAR);
      } else {
        ps.setString(7, outcome.protocolVersion());
      }
      ps.setInt(8, outcome.pages());
      ps.setLong(9, outcome.durationMs());
      ps.setLong(10, outcome.bytesRead());
      ps.executeUpdate();
    }
  }

  private static void replaceTools(Connection c, CrawlOutcome outcome) throws SQLException {
    String serverId = outcome.serverId();
    OffsetDateTime at = utc(outcome.at());
    String origin = METHOD_SNAPSHOT.equals(outcome.method()) ? METHOD_SNAPSHOT : ORIGIN_LIVE;
    Map<String, ToolDefinition> byName = new LinkedHashMap<>();
    for (ToolDefinition tool : outcome.tools()) {
      byName.putIfAbsent(tool.name(), tool);
    }
    Set<String> current = selectStrings(c, "SELECT name FROM tools WHERE server_id = ?", serverId);
    Set<String> history =
        selectStrings(
            c,
            "SELECT name || '/' || definition_hash FROM tool_definitions WHERE server_id = ?",
            serverId);
    try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM tools WHERE server_id = ? AND name = ?");
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE tools SET definition_hash = ?, definition_json = ?, origin = ?,"
                    + " first_seen = LEAST(first_seen, CAST(? AS TIMESTAMP WITH TIME ZONE)),"
                    + " last_seen = GREATEST(last_seen, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                    + " WHERE server_id = ? AND name = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO tools (definition_hash, definition_json, origin, first_seen,"
                    + " last_seen, server_id, name) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement bumpHistory =
            c.prepareStatement(
                "UPDATE tool_definitions SET"
                    + " first_seen = LEAST(first_seen, CAST(? AS TIMESTAMP WITH TIME ZONE)),"
                    + " last_seen = GREATEST(last_seen, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                    + " WHERE server_id = ? AND name = ? AND definition_hash = ?");
        PreparedStatement insertHistory =
            c.prepareStatement(
                "INSERT INTO tool_definitions (first_seen, last_seen, server_id, name,"
                    + " definition_hash, definition_json) VALUES (?, ?, ?, ?, ?, ?)")) {
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
        if (known) {
          hs.setString(5, hash);
        } else {
          hs.setString(5, hash);
          hs.setString(6, json);
        }
        hs.addBatch();
      }
      delete.executeBatch();
      update.executeBatch();
      insert.executeBatch();
      bumpHistory.executeBatch();
      insertHistory.executeBatch();
    }
  }

  /**
   * The cached assessment of a definition by a classifier version.
   *
   * @param definitionHash {@link ToolDefinition#definitionHash()}
   * @param classifierVersion the classifier's version string
   * @return the assessment, or empty when none is cached
   * @throws StoreException when the read fails or the stored JSON cannot be read back
   */
  public synchronized Optional<Assessment> findAssessment(
      String definitionHash, String classifierVersion) throws StoreException {
    Objects.requireNonNull(definitionHash, "definitionHash == null");
    Objects.requireNonNull(classifierVersion, "classifierVersion == null");
    String json =
        inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT assessment_json FROM assessments"
                          + " WHERE definition_hash = ? AND classifier_version = ?")) {
                ps.setString(1, definitionHash);
                ps.setString(2, classifierVersion);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? rs.getString(1) : null;
                }
              }
            });
    return json == null ? Optional.empty() : Optional.of(readJson(json, Assessment.class));
  }

  /**
   * Caches assessments in one transaction, replacing any cached under the same (hash, {@link
   * Assessment#classifierVersion()}).
   *
   * @param byHash assessments keyed by definition hash
   * @throws StoreException when the write fails (nothing is written then)
   */
  public synchronized void saveAssessments(Map<String, Assessment> byHash) throws StoreException {
    Objects.requireNonNull(byHash, "byHash == null");
    if (byHash.isEmpty()) {
      return;
    }
    inTransaction(
        c -> {
          try (PreparedStatement delete =
                  c.prepareStatement(
                      "DELETE FROM assessments"
                          + " WHERE definition_hash = ? AND classifier_version = ?");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO assessments (definition_hash, classifier_version,"
                          + " assessment_json) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Assessment> e : byHash.entrySet()) {
              delete.setString(1, e.getKey());
              delete.setString(2, e.getValue().classifierVersion());
              delete.addBatch();
              insert.setString(1, e.getKey());
              insert.setString(2, e.getValue().classifierVersion());
              insert.setString(3, Json.write(e.getValue()));
              insert.addBatch();
            }
            delete.executeBatch();
            insert.executeBatch();
          }
          return null;
        });
  }

  /**
   * Every server with its latest crawl and current tools, sorted by id (ordinal string order);
   * tools sorted by name. Crawls and tools of server ids that were never upserted are left out.
   *
   * <p>Holds the whole catalogue in memory (about 2 KiB per tool).
   *
   * @throws StoreException when the read fails or a stored row cannot be read back
   */
  public synchronized List<StoredServer> loadServers() throws StoreException {
    Map<String, ServerEntry> entries = new HashMap<>();
    Map<String, CrawlSummary> crawls = new HashMap<>();
    Map<String, List<StoredTool>> tools = new HashMap<>();
    List<String[]> rawTools = new ArrayList<>();
    List<String[]> rawServers = new ArrayList<>();
    inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT id, entry_json FROM servers");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rawServers.add(new String[] {rs.getString(1), rs.getString(2)});
            }
          }
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT c.server_id, c.status, c.reason, c.crawled_at, c.method,"
                          + " c.protocol_version FROM crawls c JOIN"
                          + " (SELECT server_id, MAX(id) AS max_id FROM crawls GROUP BY server_id) m"
                          + " ON c.id = m.max_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              crawls.put(
                  rs.getString(1),
                  new CrawlSummary(
                      parseStatus(rs.getString(2)),
                      rs.getString(3),
                      rs.getObject(4, OffsetDateTime.class).toInstant(),
                      rs.getString(5),
                      rs.getString(6)));
            }
          }
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT server_id, definition_json, definition_hash, origin FROM tools");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rawTools.add(
                  new String[] {
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)
                  });
            }
          }
          return null;
        });
    for (String[] row : rawServers) {
      entries.put(row[0], readJson(row[1], ServerEntry.class));
    }
    for (String[] row : rawTools) {
      if (entries.containsKey(row[0])) {
        ToolDefinition definition = readTool(row[1]);
        tools
            .computeIfAbsent(row[0], k -> new ArrayList<>())
            .add(new StoredTool(definition, row[2].trim(), row[3]));
      }
    }
    List<StoredServer> out = new ArrayList<>(entries.size());
    entries.keySet().stream()
        .sorted(ORDINAL)
        .forEach(
            id -> {
              List<StoredTool> list = tools.getOrDefault(id, new ArrayList<>());
              list.sort(Comparator.comparing(t -> t.definition().name(), ORDINAL));
              out.add(new StoredServer(entries.get(id), crawls.get(id), list));
            });
    return out;
  }

  /**
   * Row counts.
   *
   * @throws StoreException when the read fails
   */
  public synchronized StoreCounts counts() throws StoreException {
    return inTransaction(
        c ->
            new StoreCounts(
                count(c, "SELECT COUNT(*) FROM servers"),
                count(c, "SELECT COUNT(*) FROM tools"),
                count(c, "SELECT COUNT(DISTINCT definition_hash) FROM tool_definitions"),
                count(c, "SELECT COUNT(*) FROM crawls"),
                count(c, "SELECT COUNT(*) FROM runs"),
                count(c, "SELECT COUNT(*) FROM assessments")));
  }

  /**
   * Closes the connection; the H2 database file is released when the last connection closes.
   *
   * @throws StoreException when closing fails
   */
  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(
          "cannot close catalogue database at " + location + ": " + e.getMessage(), location, e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) throws StoreException {
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw new StoreException(
          "catalogue database at " + location + ": " + e.getMessage(), location, e);
    }
  }

  private static Set<String> selectStrings(Connection c, String sql, String param)
      throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static CrawlStatus parseStatus(String text) throws SQLException {
    try {
      return CrawlStatus.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new SQLException("unknown crawl status in the crawl log: " + text, e);
    }
  }

  private <T> T readJson(String json, Class<T> type) throws StoreException {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StoreException(
          "catalogue database at "
              + location
              + " holds a "
              + type.getSimpleName()
              + " that cannot be read: "
              + e.getMessage(),
          location,
          e);
    }
  }

  private ToolDefinition readTool(String json) throws StoreException {
    try {
      return ToolDefinition.of(Json.parse(json));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StoreException(
          "catalogue database at " + location + " holds a tool that cannot be read", location, e);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the open already failed; its exception is the one to report
    }
  }
}
