package dev.mcprisk.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable, atomic file writes (shared/DESIGN.md, "Storage and files": write beside, then move).
 *
 * <p>Thread-safe: stateless; concurrent writers of the same target each leave a whole file.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content}: writes a temporary file in the same directory,
   * forces it to disk, then renames it over the target with {@code ATOMIC_MOVE}. Readers see the
   * old file or the new one, never a part.
   *
   * @throws AtomicMoveNotSupportedException when the file system cannot rename atomically
   * @throws IOException when writing or moving fails; the temporary file is removed then
   */
  static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      writeDurably(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory(dir);
  }

  /** Writes {@code content} to a new or truncated file and forces it to disk. */
  static void writeDurably(Path file, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Forces a directory's entries to disk where the platform allows it (not on Windows). */
  static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Directories cannot be opened for sync on every platform; the rename is still atomic.
    }
  }
}
