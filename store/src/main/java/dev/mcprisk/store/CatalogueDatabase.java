package dev.mcprisk.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Connects to the catalogue database and migrates its schema with Flyway ({@value
 * CatalogueStore#MIGRATIONS_LOCATION}): the opening half of {@link CatalogueStore#open(String,
 * String, String)} and {@link CatalogueStore#open(java.nio.file.Path)}.
 *
 * <p>Thread-safety: stateless; each call makes its own connection.
 */
final class CatalogueDatabase {
  /** H2's error code for a database file held open by another process (ErrorCode 90020). */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  /** Attempts to open when the connection to another process's H2 server is lost: 3. */
  static final int OPEN_ATTEMPTS = 3;

  /** Pause between those attempts: 500 ms. */
  static final long OPEN_RETRY_MILLIS = 500;

  private CatalogueDatabase() {}

  /**
   * Opens, trying again (up to {@value #OPEN_ATTEMPTS} times, {@value #OPEN_RETRY_MILLIS} ms apart)
   * when the connection to another process's H2 server was lost while opening: that process was
   * closing the database, and the next attempt serves it here or reaches the new server.
   */
  static Connection connect(String url, String user, String password, String where)
      throws StoreException {
    for (int attempt = 1; ; attempt++) {
      try {
        return connectOnce(url, user, password, where);
      } catch (StoreException e) {
        if (!e.connectionLost() || attempt >= OPEN_ATTEMPTS) {
          throw e;
        }
      }
      try {
        Thread.sleep(OPEN_RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while opening " + where, where, e);
      }
    }
  }

  private static Connection connectOnce(String url, String user, String password, String where)
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
          .locations(CatalogueStore.MIGRATIONS_LOCATION)
          .placeholders(Map.of(CatalogueStore.QUARTZ_BINARY_PLACEHOLDER, binaryType(url)))
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      closeQuietly(connection);
      throw new StoreException(
          "cannot migrate catalogue database at " + where + ": " + e.getMessage(), where, e);
    }
    return connection;
  }

  /** The type of Quartz's binary columns: BYTEA on PostgreSQL, else BLOB (H2's IMAGE alias). */
  private static String binaryType(String url) {
    return url.startsWith("jdbc:postgresql:") ? "BYTEA" : "BLOB";
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the open already failed; its exception is the one to report
    }
  }
}
