package dev.mcprisk.pipeline;

import dev.mcprisk.store.CatalogueStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rows of a closed catalogue store with plain JDBC, for tests of what was written where the
 * store has no read method (the fetch log's run id, the package metadata).
 */
final class StoreRows {
  private StoreRows() {}

  /**
   * Each row of {@code sql} as its columns' values joined by {@code "|"} ({@code null} as "null").
   */
  static List<String> rows(Path home, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(CatalogueStore.h2Url(home), "sa", "");
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
