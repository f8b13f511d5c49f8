package dev.mcprisk.store;

import dev.mcprisk.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * SQL of the {@code package_metadata} table (schema 5): what a package registry says about a
 * package.
 *
 * <p>Thread-safety: stateless; the caller's connection and transaction.
 */
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

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
