package dev.mcprisk.pipeline.source;

import dev.mcprisk.model.FetchRecord;
import java.time.Instant;
import java.util.List;

/**
 * Where a source writes what it records about the crawl itself: the rows of the crawl log (every
 * HTTP fetch, see {@link CrawlSession#flushFetchLog}) and the end of a source's listing, which
 * makes the next incremental crawl start from it. {@link EntrySink} and {@link ToolSink} extend it;
 * the pipeline's implementations write to the run's store at once, under the run's id.
 *
 * <p>Errors: a write that fails is thrown as {@link dev.mcprisk.pipeline.UncheckedStoreException}
 * (message and cause those of the store's failure); a source that cannot go on without the record
 * lets it through (the run ends as FAILED), one that can records a note or failure instead.
 *
 * <p>Thread-safety: as the sink that extends it.
 */
public interface CrawlRecordSink {
  /**
   * Appends rows to the run's crawl log, in one transaction.
   *
   * @param rows in fetch order; never null, may be empty (then nothing is written)
   * @throws dev.mcprisk.pipeline.UncheckedStoreException when the write fails (nothing of it is
   *     written then)
   */
  void recordFetches(List<FetchRecord> rows);

  /**
   * Records one crawl of a source's listing, complete or not; the start of the latest complete one
   * is the {@code updated_since} of the next incremental crawl ({@link
   * dev.mcprisk.store.CatalogueReader#lastCompleteCrawlStart}).
   *
   * @param source e.g. {@code registry-api}; never blank
   * @param startedAt when the crawl started (its first request)
   * @param finishedAt when it ended
   * @param complete true when every page was read
   * @param entries entries read, {@code >= 0}
   * @throws dev.mcprisk.pipeline.UncheckedStoreException when the write fails
   */
  void recordSourceCrawl(
      String source, Instant startedAt, Instant finishedAt, boolean complete, int entries);
}
