package dev.mcprisk.crawler.packages;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code node} and {@code npm} and the folders a sandboxed {@code node} must be able to read.
 *
 * <p>Thread-safe: stateless.
 */
public final class NodeRuntime {

  private NodeRuntime() {}

  /** The first executable {@code node} on this JVM's {@code PATH}, as found (not resolved). */
  public static Optional<Path> findNode() {
    return onPath("node", System.getenv("PATH"));
  }

  /** The first executable {@code npm} on this JVM's {@code PATH}, as found (not resolved). */
  public static Optional<Path> findNpm() {
    return onPath("npm", System.getenv("PATH"));
  }

  /**
   * The first executable regular file named {@code name} in the folders of {@code path}.
   *
   * @param name file name, e.g. {@code node}
   * @param path a {@code PATH}-style list separated by {@link File#pathSeparator}; null finds
   *     nothing
   */
  public static Optional<Path> onPath(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    return Optional.empty();
  }

  /** {@code path} with symbolic links resolved, or as given when it cannot be resolved. */
  public static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  /**
   * {@code /opt/node} for {@code /opt/node/bin/node}: the folder holding a runtime's {@code bin}
   * and {@code lib}, which a sandbox must bind read-only for the runtime to start.
   */
  public static Path installRoot(Path executable) {
    Path bin = executable.getParent();
    if (bin != null && bin.getFileName() != null && bin.getFileName().toString().equals("bin")) {
      return bin.getParent() != null ? bin.getParent() : bin;
    }
    return bin != null ? bin : executable;
  }
}
