package dev.mcprisk.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers for scratch folders. */
final class FileTrees {
  private FileTrees() {}

  /** Total size in bytes of the regular files under {@code root}; -1 when it cannot be walked. */
  static long sizeOf(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      long total = 0;
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
      return total;
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  /** Deletes a folder and everything under it, ignoring errors (scratch data only). */
  static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort: a leftover scratch file does no harm and is reported nowhere
                }
              });
    } catch (IOException ignored) {
      // best effort, as above
    }
  }
}
