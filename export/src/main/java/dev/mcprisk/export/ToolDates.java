package dev.mcprisk.export;

import java.time.Instant;

/**
 * When a tool was first seen and when its definition last changed, for the catalogue export: the
 * two dates of the store's {@code dev.mcprisk.store.ToolHistory} (README.md, "Changes"). Each is
 * written only when known.
 *
 * @param firstSeen when the tool (server id, tool name) was first stored; null when unknown
 * @param lastChanged when its definition (hash) last changed; null when it never changed since
 *     first seen, or when unknown
 * @throws IllegalArgumentException when both are known and {@code lastChanged} is before {@code
 *     firstSeen}
 */
public record ToolDates(Instant firstSeen, Instant lastChanged) {
  public ToolDates {
    if (firstSeen != null && lastChanged != null && lastChanged.isBefore(firstSeen)) {
      throw new IllegalArgumentException(
          "lastChanged " + lastChanged + " is before firstSeen " + firstSeen);
    }
  }
}
