package dev.mcprisk.crawler.registry;

import dev.mcprisk.model.ServerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one crawl of the registry API's server list produced.
 *
 * @param entries the entries read, one per server id (the highest version when an id repeats), in
 *     the order first seen; empty for a streaming crawl (they went to the consumer)
 * @param rejected entries that could not be read, with their page and index in the reason
 * @param pages pages fetched and read (a failed page not counted)
 * @param complete true when the listing was read to its end (no failure, no entry limit)
 * @param failure why the listing ended early (a page that failed, a cursor loop, the page cap, the
 *     entry limit); empty when complete
 * @param startedAt when the crawl started: the {@code updated_since} of the next incremental crawl
 *     once this one is complete
 * @param entriesRead entries read in all (to the consumer in a streaming crawl), ids repeated
 *     across pages included
 * @param end how the listing ended; {@link CrawlEnd#COMPLETE} exactly when {@code complete}
 * @param bytesRead body bytes of the pages fetched, failed ones included, {@code >= 0}
 * @param trimmed descriptions and titles cut to their limit ({@link EntryLimits}), {@code >= 0}
 */
public record RegistryCrawlResult(
    List<ServerEntry> entries,
    List<RejectedEntry> rejected,
    int pages,
    boolean complete,
    String failure,
    Instant startedAt,
    int entriesRead,
    CrawlEnd end,
    long bytesRead,
    int trimmed) {
  public RegistryCrawlResult {
    entries = List.copyOf(entries == null ? List.of() : entries);
    rejected = List.copyOf(rejected == null ? List.of() : rejected);
    failure = Objects.requireNonNullElse(failure, "");
    Objects.requireNonNull(startedAt, "startedAt == null");
    if (pages < 0 || entriesRead < 0) {
      throw new IllegalArgumentException("negative pages or entriesRead");
    }
    Objects.requireNonNull(end, "end == null");
    if (complete != failure.isEmpty() || complete != (end == CrawlEnd.COMPLETE)) {
      throw new IllegalArgumentException("complete exactly when there is no failure");
    }
    if (bytesRead < 0 || trimmed < 0) {
      throw new IllegalArgumentException("negative bytesRead or trimmed");
    }
  }
}
