package dev.mcprisk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store knows of one tool's past.
 *
 * @param firstSeen when any definition of the tool was first seen
 * @param lastSeen when any definition of it was last seen
 * @param lastChanged when its definition last changed (description, schema or annotations); null
 *     when it never changed since first seen
 * @param definitions distinct definitions (hashes) seen, at least 1
 */
public record ToolHistory(
    Instant firstSeen, Instant lastSeen, Instant lastChanged, int definitions) {
  public ToolHistory {
    Objects.requireNonNull(firstSeen, "firstSeen == null");
    Objects.requireNonNull(lastSeen, "lastSeen == null");
    if (definitions < 1) {
      throw new IllegalArgumentException("definitions < 1: " + definitions);
    }
  }
}
