package db.migration;

import dev.mcprisk.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 6 of the catalogue store: each tool definition's JSON text is stored once per
 * tool, in {@code definitions}, keyed by (server id, tool name, SHA-256 (lower-case hex) of the
 * text's UTF-8 bytes = {@code json_hash}); {@code tools} and {@code tool_definitions} keep {@code
 * json_hash} instead of the text (before, both held it). The key starts with the server id so a
 * page of servers reads and writes neighbouring B-tree pages (a key of the hash alone scatters
 * every write of a batch over the whole index). Drops the unused random-key index {@code
 * tools_hash}. The existing rows are moved losslessly (every row reads back the same text), then
 * the two {@code definition_json} columns are dropped. Adds {@code tool_sets}: the last sighting of
 * each server's unchanged tool set.
 *
 * <p>A Java migration because the key is a SHA-256 of the text, which H2 and PostgreSQL spell
 * differently in SQL; every statement is portable SQL as in V1 (H2 2.x and PostgreSQL 12+). The
 * rows are read {@value #PAGE_ROWS} at a time by primary key, so memory stays bounded.
 * Self-contained on purpose: a migration must not change when the store's code does.
 */
public final class V6__definitions_once extends BaseJavaMigration {
  /** Rows read and updated per round trip while moving the JSON: 1,000. */
  static final int PAGE_ROWS = 1_000;

  /** Creates the migration (Flyway instantiates it). */
  public V6__definitions_once() {}

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE definitions (server_id VARCHAR(2048) NOT NULL,"
              + " name VARCHAR(1024) NOT NULL, json_hash CHAR(64) NOT NULL,"
              + " definition_json VARCHAR NOT NULL, PRIMARY KEY (server_id, name, json_hash))");
      // no query looks tools up by definition hash alone; a random-key index costs a B-tree page
      // rewrite per tool written
      s.execute("DROP INDEX tools_hash");
      // The last sighting of each server's current tool set by a crawl that found it unchanged:
      // such a crawl moves this one row instead of every tools and tool_definitions row; the
      // effective last_seen of a current tool (and of its current history row) is the later of
      // its own and this one. A crawl that changes the set first copies it into those rows.
      s.execute(
          "CREATE TABLE tool_sets (server_id VARCHAR(2048) NOT NULL PRIMARY KEY,"
              + " last_seen TIMESTAMP WITH TIME ZONE NOT NULL)");
      s.execute("ALTER TABLE tools ADD COLUMN json_hash CHAR(64)");
      s.execute("ALTER TABLE tool_definitions ADD COLUMN json_hash CHAR(64)");
    }
    move(c, "tools", false);
    move(c, "tool_definitions", true);
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE tools ALTER COLUMN json_hash SET NOT NULL");
      s.execute("ALTER TABLE tool_definitions ALTER COLUMN json_hash SET NOT NULL");
      s.execute("ALTER TABLE tools DROP COLUMN definition_json");
      s.execute("ALTER TABLE tool_definitions DROP COLUMN definition_json");
    }
  }

  /**
   * Fills {@code json_hash} of every row of {@code table} and the {@code definitions} rows, paging
   * by the primary key ((server_id, name) or (server_id, name, definition_hash)).
   */
  private static void move(Connection c, String table, boolean byHash) throws SQLException {
    String key = byHash ? "server_id, name, definition_hash" : "server_id, name";
    String select =
        "SELECT server_id, name, definition_hash, definition_json FROM "
            + table
            + " WHERE ("
            + key
            + ") > ("
            + (byHash ? "?, ?, ?" : "?, ?")
            + ") ORDER BY "
            + key
            + " FETCH FIRST "
            + PAGE_ROWS
            + " ROWS ONLY";
    String first =
        "SELECT server_id, name, definition_hash, definition_json FROM "
            + table
            + " ORDER BY "
            + key
            + " FETCH FIRST "
            + PAGE_ROWS
            + " ROWS ONLY";
    String[] after = null;
    try (PreparedStatement firstPage = c.prepareStatement(first);
        PreparedStatement nextPage = c.prepareStatement(select);
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE "
                    + table
                    + " SET json_hash = ? WHERE server_id = ? AND name = ?"
                    + (byHash ? " AND definition_hash = ?" : ""));
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO definitions (server_id, name, json_hash, definition_json)"
                    + " SELECT CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(1024)),"
                    + " CAST(? AS CHAR(64)), CAST(? AS VARCHAR) FROM (VALUES (1)) one"
                    + " WHERE NOT EXISTS (SELECT 1 FROM definitions"
                    + " WHERE server_id = ? AND name = ? AND json_hash = ?)")) {
      while (true) {
        PreparedStatement page = after == null ? firstPage : nextPage;
        if (after != null) {
          nextPage.setString(1, after[0]);
          nextPage.setString(2, after[1]);
          if (byHash) {
            nextPage.setString(3, after[2]);
          }
        }
        List<String[]> rows = new ArrayList<>();
        try (ResultSet rs = page.executeQuery()) {
          while (rs.next()) {
            rows.add(
                new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        for (String[] row : rows) {
          String hash = Json.sha256Hex(row[3]);
          insert.setString(1, row[0]);
          insert.setString(2, row[1]);
          insert.setString(3, hash);
          insert.setString(4, row[3]);
          insert.setString(5, row[0]);
          insert.setString(6, row[1]);
          insert.setString(7, hash);
          insert.addBatch();
          update.setString(1, hash);
          update.setString(2, row[0]);
          update.setString(3, row[1]);
          if (byHash) {
            update.setString(4, row[2]);
          }
          update.addBatch();
        }
        insert.executeBatch();
        update.executeBatch();
        after = rows.get(rows.size() - 1);
      }
    }
  }
}
