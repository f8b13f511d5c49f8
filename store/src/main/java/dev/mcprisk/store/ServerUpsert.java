package dev.mcprisk.store;

import java.util.List;

/**
 * What {@link CatalogueStore#upsertServers(java.util.Collection, Long, java.time.Instant)} did.
 *
 * @param inserted servers stored for the first time
 * @param replaced stored servers replaced by an entry of the same or a higher-precedence source
 *     ({@link SourceRank})
 * @param outranked entries not stored because the stored entry comes from a higher-precedence
 *     source
 * @param statusChanges rows added to the status history (new servers included)
 * @param refused entries not stored because a value does not fit its column, in input order
 */
public record ServerUpsert(
    int inserted, int replaced, int outranked, int statusChanges, List<RefusedServer> refused) {
  public ServerUpsert {
    refused = List.copyOf(refused == null ? List.of() : refused);
    if (inserted < 0 || replaced < 0 || outranked < 0 || statusChanges < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }

  /** An upsert that refused nothing. */
  public ServerUpsert(int inserted, int replaced, int outranked, int statusChanges) {
    this(inserted, replaced, outranked, statusChanges, List.of());
  }
}
