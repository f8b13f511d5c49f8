package dev.mcprisk.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.quartz.utils.ConnectionProvider;

/**
 * Gives Quartz's JDBC job store connections to the catalogue database, by JDBC URL, without a pool:
 * an embedded H2 connection opened while the process keeps the database open costs little.
 *
 * <p>Quartz creates it from {@code org.quartz.dataSource.<name>.connectionProvider.class} and sets
 * {@link #setUrl}, {@link #setUser} and {@link #setPassword} from the other {@code
 * org.quartz.dataSource.<name>.*} properties. Thread-safe once configured.
 */
public final class CatalogueConnectionProvider implements ConnectionProvider {
  private volatile String url;
  private volatile String user = "sa";
  private volatile String password = "";

  /** Created by Quartz. */
  public CatalogueConnectionProvider() {}

  /** The JDBC URL, e.g. {@code CatalogueStore.h2Url(home)}. */
  public void setUrl(String url) {
    this.url = url;
  }

  /** The database user; default {@code sa}. */
  public void setUser(String user) {
    this.user = user;
  }

  /** The database password; default empty. */
  public void setPassword(String password) {
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (url == null) {
      throw new SQLException("no JDBC URL configured for the Quartz job store");
    }
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void shutdown() {}

  @Override
  public void initialize() {}
}
