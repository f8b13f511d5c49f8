package dev.mcprisk.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole-folder helpers shared by the store, the crawler, the index and the pipeline: delete a tree
 * (strictly or best effort) and measure its size.
 *
 * <p>Thread-safe: stateless. Symbolic links are deleted, never followed.
 */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code root} and everything under it, deepest first; nothing happens when it does not
   * exist.
   *
   * @throws IOException at the first file or folder that cannot be deleted; what was deleted before
   *     stays deleted
   */
  public static void delete(Path root) throws IOException {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path path : deepestFirst(root)) {
      Files.deleteIfExists(path);
    }
  }

  /**
   * Deletes {@code root} and everything under it as far as it can, ignoring every error: for
   * scratch folders and leftovers that a later run cleans up again.
   */
  public static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> paths;
    try {
      paths = deepestFirst(root);
    } catch (IOException | UncheckedIOException e) {
      return;
    }
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // best effort: a leftover is harmless and is removed by a later run
      }
    }
  }

  /**
   * Total size in bytes of the regular files under {@code root}.
   *
   * @throws IOException when the tree cannot be walked
   */
  public static long size(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      long total = 0;
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
      return total;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static List<Path> deepestFirst(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.sorted(Comparator.reverseOrder()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
