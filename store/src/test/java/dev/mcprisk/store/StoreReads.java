package dev.mcprisk.store;

import dev.mcprisk.model.CrawlOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * What the store tests read besides the public API: the whole catalogue through the public paged
 * read, and crawls recorded over a plain JDBC connection exactly as {@link
 * CatalogueStore#recordCrawls} records them, with the rows written by kind.
 */
final class StoreReads {
  private StoreReads() {}

  /**
   * Every stored server with its latest crawl and current tools, sorted by id: one {@link
   * CatalogueStore#cataloguePage} holding the whole catalogue.
   */
  static List<StoredServer> allServers(CatalogueStore store) throws StoreException {
    return store.cataloguePage(null, Integer.MAX_VALUE, "any", false).servers();
  }

  /**
   * Records {@code outcomes} in one transaction of a second connection to the H2 database under
   * {@code home} (the store may be open: H2's mixed mode shares the file), with the code of {@link
   * CatalogueStore#recordCrawls}.
   *
   * @return the change events stored and the rows written by kind
   */
  static CrawlWriter.Written recordCrawls(Path home, long runId, CrawlOutcome... outcomes)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(CatalogueStore.h2Url(home), "sa", "")) {
      c.setAutoCommit(false);
      try {
        CrawlWriter.Written written = CrawlWriter.record(c, runId, List.of(outcomes));
        c.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
