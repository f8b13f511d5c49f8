package dev.mcprisk.pipeline;

import dev.mcprisk.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads and writes the small JSON state files of the incremental stages ({@link IndexState}, {@link
 * ExportState}).
 *
 * <p>Writes are atomic and durable (docs/design.md, "Storage and files"): a temporary file beside
 * the target is written and forced to disk, then renamed over it. A reader sees the old state or
 * the new one; a missing, torn or unreadable file reads as empty, which makes the stage do its full
 * work.
 *
 * <p>Thread-safe: stateless; the pipeline lock keeps two runs from writing one home.
 */
final class StateFiles {
  private StateFiles() {}

  /**
   * The state in {@code file}, or empty when it is missing, unreadable, not JSON of {@code type} or
   * of another shape version ({@code stateVersion}).
   */
  static <T> Optional<T> read(Path file, Class<T> type, int version) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      var node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (node == null || node.path("stateVersion").asInt(-1) != version) {
        return Optional.empty();
      }
      return Optional.of(Json.MAPPER.treeToValue(node, type));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a bad state file only costs a full rebuild
    }
  }

  /**
   * Replaces {@code file} with {@code state} as JSON, atomically and durably.
   *
   * @throws IOException when writing, forcing or renaming fails; the temporary file is removed
   */
  static void write(Path file, Object state) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      byte[] bytes = Json.writePretty(state).getBytes(StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.truncate(0);
        var buffer = java.nio.ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory(dir);
  }

  /**
   * Deletes {@code file} if present, so a stage whose output is about to be replaced never leaves a
   * state that describes the old output next to the new one.
   *
   * @throws IOException when the file exists and cannot be deleted
   */
  static void delete(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      forceDirectory(file.toAbsolutePath().getParent());
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // some file systems cannot open or force a directory; the rename is still atomic
    }
  }
}
