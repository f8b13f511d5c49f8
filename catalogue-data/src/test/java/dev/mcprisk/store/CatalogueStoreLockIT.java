package dev.mcprisk.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a second JVM (H2's own shell) that holds the database open. */
class CatalogueStoreLockIT {
  @TempDir Path home;

  @Test
  void databaseHeldByAnotherProcessThrowsNamingThePath() throws Exception {
    CatalogueStore.open(home).close();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String h2Jar =
        Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    Process holder =
        new ProcessBuilder(
                java,
                "-cp",
                h2Jar,
                "org.h2.tools.Shell",
                "-url",
                "jdbc:h2:file:" + home.toAbsolutePath().resolve("catalogue"),
                "-user",
                "sa")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      int c;
      while ((c = out.read()) >= 0 && !seen.toString().contains("sql>")) {
        seen.append((char) c);
      }
      assertTrue(seen.toString().contains("sql>"), "H2 shell did not connect: " + seen);
      StoreException e = assertThrows(StoreException.class, () -> CatalogueStore.open(home));
      assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
      assertTrue(e.getMessage().contains(home.toAbsolutePath().toString()), e.getMessage());
    } finally {
      holder.getOutputStream().close();
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
