package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code npm config get registry} against a user config written for the test. */
class NpmConfigCommandIT {

  @TempDir Path temp;

  @Test
  void readsTheRegistryNpmReportsIgnoringItsWarnings() throws Exception {
    Optional<Path> npm = NodeRuntime.findNpm();
    if (npm.isEmpty()) {
      System.out.println("SKIPPED NpmConfigCommandIT: npm is not on PATH");
    }
    Assumptions.assumeTrue(npm.isPresent(), "npm is not on PATH");
    Path home = Files.createDirectories(temp.resolve("home"));
    Files.writeString(
        home.resolve(".npmrc"),
        "registry=http://127.0.0.1:9/from-user-npmrc/\nnot-a-known-npm-key=makes-npm-warn\n");

    NpmConfigCommand command =
        NpmConfigCommand.npm(npm.get(), temp, System.getenv("PATH"), home.toString());

    assertEquals(Optional.of("http://127.0.0.1:9/from-user-npmrc/"), command.getRegistry());
  }
}
