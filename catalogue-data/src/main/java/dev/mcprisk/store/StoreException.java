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
}
