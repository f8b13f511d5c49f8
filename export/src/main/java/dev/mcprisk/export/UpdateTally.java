package dev.mcprisk.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole export's counts during {@link Exporter#update}: those of the earlier export, less what
 * each dropped (replaced or removed) server line and its files held, plus what is written. Not
 * thread-safe.
 */
final class UpdateTally {
  private final Path interceptDir;
  private final Path policyLayerDir;
  int servers;
  int files;
  long tools;
  long policyBytes;

  UpdateTally(ExportStats previous, Path interceptDir, Path policyLayerDir) {
    this.interceptDir = interceptDir;
    this.policyLayerDir = policyLayerDir;
    servers = previous.servers();
    files = previous.interceptFiles();
    tools = previous.tools();
    policyBytes = previous.bytes();
  }

  /** Takes the old line {@code old} of a removed server out, and deletes its policy files. */
  void drop(NdjsonLines old, String id) throws IOException {
    replace(old, id);
    deleteFiles(id);
  }

  /**
   * Takes the old line {@code old} of {@code id} and its policy files out of the counts, leaving
   * the files in place for the new ones to replace.
   */
  void replace(NdjsonLines old, String id) throws IOException {
    servers--;
    tools -= old.tools();
    boolean had = false;
    for (Path file : policyFiles(id)) {
      if (Files.isRegularFile(file)) {
        policyBytes -= Files.size(file);
        had = true;
      }
    }
    if (had) {
      files--;
    }
  }

  /** Deletes the policy files of {@code id}, if any (already taken out of the counts). */
  void deleteFiles(String id) throws IOException {
    for (Path file : policyFiles(id)) {
      Files.deleteIfExists(file);
    }
  }

  private List<Path> policyFiles(String id) {
    String stem = ExportFileNames.forServer(id);
    return List.of(interceptDir.resolve(stem + ".yaml"), policyLayerDir.resolve(stem + ".json"));
  }
}
