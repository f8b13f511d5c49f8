package dev.mcprisk.export;

import dev.mcprisk.files.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The folder swap of {@link Exporter#writeAll}: a fresh export is written into a hidden sibling
 * {@code .<name>.writing-<nanos>}, then the old folder is renamed aside to {@code
 * .<name>.previous-<nanos>}, the fresh one renamed into place, and the old one deleted. Leftovers
 * of a crashed run are removed (or, for a crash between the two renames, put back) by the next.
 *
 * <p>Thread-safety: stateless; two concurrent swaps of one folder are not supported.
 */
final class ExportFolder {
  private static final String WRITING = ".writing-";
  private static final String PREVIOUS = ".previous-";

  private ExportFolder() {}

  /** A new name for the sibling folder the fresh export of {@code name} is written into. */
  static Path writing(Path parent, String name) {
    return parent.resolve("." + name + WRITING + System.nanoTime());
  }

  /** A new name for the sibling folder the old export of {@code name} is renamed aside to. */
  static Path previous(Path parent, String name) {
    return parent.resolve("." + name + PREVIOUS + System.nanoTime());
  }

  /**
   * Renames {@code fresh} to {@code target}, moving an existing {@code target} aside to {@code
   * previous} first (and back when the second rename fails), forces the parent folder to disk and
   * deletes the old export.
   *
   * @throws IOException when a rename fails; {@code target} is then as it was
   */
  static void swap(Path fresh, Path target, Path previous) throws IOException {
    boolean hadOld = Files.exists(target);
    if (hadOld) {
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (hadOld) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    AtomicFiles.forceDirectory(target.getParent());
    if (hadOld) {
      FileTrees.delete(previous);
    }
  }

  /**
   * Deletes the writing and previous siblings of {@code name} left by a crashed run; a previous one
   * is renamed back to {@code name} when that folder is missing (a crash between the renames).
   *
   * @throws IOException when listing, deleting or renaming fails
   */
  static void removeLeftovers(Path parent, String name) throws IOException {
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(
            parent, p -> p.getFileName().toString().startsWith("." + name + "."))) {
      for (Path sibling : siblings) {
        String rest = sibling.getFileName().toString().substring(name.length() + 1);
        if (rest.startsWith(WRITING) || rest.startsWith(PREVIOUS)) {
          if (rest.startsWith(PREVIOUS) && !Files.exists(parent.resolve(name))) {
            // A crash between the two renames: the previous export is the last good one.
            Files.move(sibling, parent.resolve(name), StandardCopyOption.ATOMIC_MOVE);
          } else {
            FileTrees.delete(sibling);
          }
        }
      }
    }
  }
}
