package dev.mcprisk.store;

/**
 * The catalogue store could not be opened, migrated, read or written. The message names the
 * database (path or JDBC URL) and what failed; the cause is the underlying {@link
 * java.sql.SQLException} or {@link java.io.IOException}.
 */
public class StoreException extends Exception {
  private final String location;

  /**
   * @param message what failed, for a person
   * @param location the data home path or JDBC URL concerned; never null
   * @param cause the underlying failure; may be null
   */
  public StoreException(String message, String location, Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  /** The data home path or JDBC URL the failure concerns. */
  public String location() {
    return location;
  }

  /**
   * True when the cause is a lost connection to another process's H2 server (H2 error codes 90067
   * connection broken, 90098 database closed, 90121 closed at shutdown): that process closed the
   * database; the same call made again reconnects (mixed mode, {@link CatalogueStore#h2Url}).
   */
  public boolean connectionLost() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        int code = sql.getErrorCode();
        if (code == 90067 || code == 90098 || code == 90121) {
          return true;
        }
      }
    }
    return false;
  }
}
