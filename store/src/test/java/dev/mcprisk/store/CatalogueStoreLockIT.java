package dev.mcprisk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a second JVM (H2's own shell) that holds the database open. */
class CatalogueStoreLockIT {
  @TempDir Path home;

  @Test
  void databaseHeldByAProcessOutsideMixedModeThrowsNamingThePath() throws Exception {
    CatalogueStore.open(home).close();
    Process holder = shell("jdbc:h2:file:" + home.toAbsolutePath().resolve("catalogue"));
    try {
      StoreException e = assertThrows(StoreException.class, () -> CatalogueStore.open(home));
      assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
      assertTrue(e.getMessage().contains(home.toAbsolutePath().toString()), e.getMessage());
    } finally {
      stop(holder);
    }
  }

  @Test
  void databaseHeldByAnotherProcessInMixedModeIsSharedAndTheLockRowDecides() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      assertTrue(store.tryLockPipeline(RunLockOwner.current(), Instant.now()).acquired());
    }
    Process holder = shell(CatalogueStore.h2Url(home));
    try (CatalogueStore shared = CatalogueStore.open(home)) {
      RunLock lock = shared.pipelineLock().orElseThrow();
      assertEquals(RunLockOwner.current(), lock.owner(), "read through the other process");
      assertTrue(shared.unlockPipeline(RunLockOwner.current()));
    } finally {
      stop(holder);
    }
  }

  /** An H2 shell connected to {@code url}, once it shows its prompt. */
  private static Process shell(String url) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String h2Jar =
        Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    Process holder =
        new ProcessBuilder(java, "-cp", h2Jar, "org.h2.tools.Shell", "-url", url, "-user", "sa")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    int c;
    while ((c = out.read()) >= 0 && !seen.toString().contains("sql>")) {
      seen.append((char) c);
    }
    assertTrue(seen.toString().contains("sql>"), "H2 shell did not connect: " + seen);
    return holder;
  }

  private static void stop(Process holder) throws Exception {
    holder.getOutputStream().close();
    holder.destroy();
    holder.waitFor(10, TimeUnit.SECONDS);
  }
}
