package dev.mcprisk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a server's status history: the status and version a stored entry had from {@code
 * changedAt} on. Written by {@link CatalogueStore#upsertServers(java.util.Collection, Long,
 * Instant)} when a server is first stored and whenever its status ({@code active}, {@code
 * deprecated}, {@code deleted}) or version changes.
 *
 * @param serverId the server's id; never blank
 * @param status its registry status from then on; never blank
 * @param version its entry version from then on; may be null
 * @param source the source of the entry that brought the change, e.g. {@code registry-api}
 * @param changedAt when the change was stored
 * @param runId the pipeline run that stored it; null outside a run
 */
public record ServerStatusChange(
    String serverId, String status, String version, String source, Instant changedAt, Long runId) {
  public ServerStatusChange {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(changedAt, "changedAt == null");
    if (serverId.isBlank() || status.isBlank()) {
      throw new IllegalArgumentException("serverId or status is blank");
    }
  }
}
