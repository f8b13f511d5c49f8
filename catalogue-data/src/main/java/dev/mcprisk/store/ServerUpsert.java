package dev.mcprisk.store;

/**
 * What {@link CatalogueStore#upsertServers(java.util.Collection, Long, java.time.Instant)} did.
 *
 * @param inserted servers stored for the first time
 * @param replaced stored servers replaced by an entry of the same or a higher-precedence source
 *     ({@link SourceRank})
 * @param outranked entries not stored because the stored entry comes from a higher-precedence
 *     source
 * @param statusChanges rows added to the status history (new servers included)
 */
public record ServerUpsert(int inserted, int replaced, int outranked, int statusChanges) {
  public ServerUpsert {
    if (inserted < 0 || replaced < 0 || outranked < 0 || statusChanges < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }
}
