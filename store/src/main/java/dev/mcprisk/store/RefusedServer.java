package dev.mcprisk.store;

import java.util.Objects;

/**
 * A server entry {@link CatalogueStore#upsertServers(java.util.Collection, Long,
 * java.time.Instant)} did not store because a value does not fit its column; the other entries were
 * stored.
 *
 * @param id the entry's id, cut to {@link #MAX_ID_CHARS} chars for display; never null
 * @param reason which value is too long and the column's size, for a person; never blank
 */
public record RefusedServer(String id, String reason) {
  /** Longest id kept in a refusal, in chars (the rest is cut with an ellipsis). */
  public static final int MAX_ID_CHARS = 80;

  public RefusedServer {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(reason, "reason == null");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason is blank");
    }
    if (id.length() > MAX_ID_CHARS) {
      id = id.substring(0, MAX_ID_CHARS - 1) + "…";
    }
  }
}
