package dev.mcprisk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * SQL of the {@code assessments} table (schema 1, levels in schema 7): the assessment cache by
 * (definition hash, classifier version).
 *
 * <p>Thread-safety: stateless; the caller's connection and transaction.
 */
final class AssessmentTable {
  private AssessmentTable() {}

  /** The cached assessment's JSON text; null when none is cached. */
  static String findJson(Connection c, String definitionHash, String classifierVersion)
      throws SQLException {
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
  }

  /**
   * Replaces the cached rows of {@code rows}, in their order, with JDBC batches.
   *
   * @param rows each {@code {definition hash, classifier version, assessment JSON, category, risk
   *     level}}
   */
  static void save(Connection c, List<String[]> rows) throws SQLException {
    try (PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM assessments WHERE definition_hash = ? AND classifier_version = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO assessments (definition_hash, classifier_version,"
                    + " assessment_json, category, risk_level) VALUES (?, ?, ?, ?, ?)")) {
      for (String[] row : rows) {
        delete.setString(1, row[0]);
        delete.setString(2, row[1]);
        delete.addBatch();
        for (int i = 0; i < row.length; i++) {
          insert.setString(i + 1, row[i]);
        }
        insert.addBatch();
      }
      delete.executeBatch();
      insert.executeBatch();
    }
  }
}
