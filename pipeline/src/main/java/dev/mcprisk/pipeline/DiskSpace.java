package dev.mcprisk.pipeline;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says when a failed write is probably a full disk: H2 and the JDK report "write failed" without
 * the cause, so the free space of the data home's file system is checked after the fact.
 *
 * <p>Stateless and thread-safe.
 */
public final class DiskSpace {
  /** Below this many usable bytes a file system counts as (nearly) full: 16 MiB. */
  public static final long NEARLY_FULL_BYTES = 16L * 1024 * 1024;

  private DiskSpace() {}

  /**
   * A sentence to add to an error about {@code home}, or an empty string when its file system has
   * room (or cannot be asked). A folder that does not exist yet is judged by its nearest existing
   * parent.
   *
   * @param home the data home, relative or absolute
   * @return {@code " (the disk holding HOME is full or nearly: N bytes free; ...)"} with a leading
   *     space, or {@code ""}; never null
   */
  public static String note(Path home) {
    Path existing = home.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return "";
    }
    try {
      FileStore store = Files.getFileStore(existing);
      long usable = store.getUsableSpace();
      if (usable < NEARLY_FULL_BYTES) {
        return " (the disk holding "
            + home
            + " is full or nearly: "
            + usable
            + " bytes free; the last good catalogue, index and export are kept)";
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }
}
