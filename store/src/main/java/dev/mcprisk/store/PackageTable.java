package dev.mcprisk.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ServerEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code package_metadata} table (schema 5) and of the crawl sources' queries. */
final class PackageTable {
  /** Longest description or licence kept, in chars. */
  static final int MAX_LICENSE_CHARS = 256;

  private PackageTable() {}

  static void upsert(Connection c, PackageMetadata m) throws SQLException {
    int updated;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE package_metadata SET version = ?, description = ?, keywords_json = ?,"
                + " repository_url = ?, license = ?, published_at = ?, readme = ?,"
                + " mcp_server = ?, evidence = ?, fetched_at = ?"
                + " WHERE registry_type = ? AND identifier = ?")) {
      int i = bind(ps, 1, m);
      ps.setString(i++, m.registryType());
      ps.setString(i, m.identifier());
      updated = ps.executeUpdate();
    }
    if (updated > 0) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO package_metadata (version, description, keywords_json, repository_url,"
                + " license, published_at, readme, mcp_server, evidence, fetched_at,"
                + " registry_type, identifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = bind(ps, 1, m);
      ps.setString(i++, m.registryType());
      ps.setString(i, m.identifier());
      ps.executeUpdate();
    }
  }

  private static int bind(PreparedStatement ps, int first, PackageMetadata m) throws SQLException {
    int i = first;
    ps.setString(i++, cut(m.version(), 256));
    ps.setString(i++, m.description());
    ps.setString(i++, Json.write(m.keywords()));
    ps.setString(i++, cut(m.repositoryUrl(), 2048));
    ps.setString(i++, cut(m.license(), MAX_LICENSE_CHARS));
    if (m.publishedAt() == null) {
      ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i++, CatalogueStore.utc(m.publishedAt()));
    }
    ps.setString(i++, m.readme());
    ps.setBoolean(i++, m.mcpServer());
    ps.setString(i++, m.evidence());
    ps.setObject(i++, CatalogueStore.utc(m.fetchedAt()));
    return i;
  }

  static Optional<PackageMetadata> select(Connection c, String registryType, String identifier)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version, description, keywords_json, repository_url, license, published_at,"
                + " readme, mcp_server, evidence, fetched_at FROM package_metadata"
                + " WHERE registry_type = ? AND identifier = ?")) {
      ps.setString(1, registryType);
      ps.setString(2, identifier);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        List<String> keywords =
            Json.MAPPER.readValue(rs.getString(3), new TypeReference<List<String>>() {});
        return Optional.of(
            new PackageMetadata(
                registryType,
                identifier,
                rs.getString(1),
                rs.getString(2),
                keywords,
                rs.getString(4),
                rs.getString(5),
                instant(rs.getObject(6, OffsetDateTime.class)),
                rs.getString(7),
                rs.getBoolean(8),
                rs.getString(9),
                instant(rs.getObject(10, OffsetDateTime.class))));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SQLException("bad keywords_json of " + registryType + " " + identifier, e);
      }
    }
  }

  static int count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM package_metadata");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
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

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
