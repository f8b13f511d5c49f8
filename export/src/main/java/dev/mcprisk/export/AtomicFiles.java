package dev.mcprisk.export;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable, atomic file writes: write beside, then move.
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

  /**
   * Replaces {@code target} atomically like {@link #write(Path, byte[])} but without forcing the
   * file to disk: a process crash cannot tear it, a power loss may. For many small files, where one
   * fsync each would take minutes.
   *
   * @throws IOException when writing or moving fails; the temporary file is removed then
   */
  static void replace(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** Writes a file's content to a stream; the stream is closed by the caller. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Buffer of streamed writes, in bytes. */
  static final int BUFFER_BYTES = 64 * 1024;

  /**
   * Replaces {@code target} with what {@code body} streams, like {@link #write(Path, byte[])}: the
   * content never has to fit in memory.
   *
   * @return bytes written
   * @throws IOException when writing or moving fails; the temporary file is removed then
   */
  static long write(Path target, Body body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    long bytes;
    try {
      bytes = writeDurably(temp, body);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory(dir);
    return bytes;
  }

  /**
   * Streams {@code body} into a new or truncated file and forces it to disk.
   *
   * @return bytes written
   */
  static long writeDurably(Path file, Body body) throws IOException {
    try (FileOutputStream stream = new FileOutputStream(file.toFile());
        OutputStream out = new BufferedOutputStream(stream, BUFFER_BYTES)) {
      body.writeTo(out);
      out.flush();
      stream.getChannel().force(true);
    }
    return Files.size(file);
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
