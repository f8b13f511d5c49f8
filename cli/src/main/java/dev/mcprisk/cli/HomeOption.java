package dev.mcprisk.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option shared by every command that reads or writes the catalogue. */
final class HomeOption {
  /** Environment variable naming the data home when {@code --home} is not given. */
  static final String HOME_ENV = "MCPRISK_HOME";

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Data home (H2 catalogue, Lucene index, exports). Default: $"
              + HOME_ENV
              + ", else ~/.mcprisk.")
  Path home;

  /**
   * {@code <home>/index} when it exists; otherwise prints on {@code err} that there is no index and
   * how to make one, and returns null.
   */
  Path indexDirOrExplain(PrintWriter err) {
    Path indexDir = resolve().resolve("index");
    if (Files.isDirectory(indexDir)) {
      return indexDir;
    }
    err.println("mcprisk: no index at " + indexDir + ": run `mcprisk run` first (or pass --home)");
    return null;
  }

  /**
   * The data home: {@code --home}, else {@code $MCPRISK_HOME}, else {@code ~/.mcprisk}; absolute.
   */
  Path resolve() {
    if (home != null) {
      return home.toAbsolutePath().normalize();
    }
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return Path.of(System.getProperty("user.home"), ".mcprisk").toAbsolutePath().normalize();
  }
}
