package dev.mcprisk.crawler.registry;

import java.util.Objects;

/**
 * One registry entry (or a whole file) that could not be read.
 *
 * @param source the source name the file was read under, e.g. {@code registry-seed}
 * @param index position of the entry in the file's array, from 0; {@code -1} for the whole file
 * @param reason what is wrong, for a person; never blank
 */
public record RejectedEntry(String source, int index, String reason) {
  public RejectedEntry {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(reason, "reason == null");
    if (index < -1) {
      throw new IllegalArgumentException("index < -1: " + index);
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason is blank");
    }
  }
}
