package dev.mcprisk.pipeline;

import dev.mcprisk.model.FetchRecord;
import dev.mcprisk.pipeline.source.CrawlRecordSink;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The crawl records of the pipeline's sinks ({@link RegistryCollector}, {@link ToolCollector}),
 * written to the run's store at once: crawl-log rows under the run's id ({@link
 * CatalogueStore#recordFetches}) and a source's listing crawl ({@link
 * CatalogueStore#recordSourceCrawl}), a {@link StoreException} thrown as {@link
 * UncheckedStoreException}.
 *
 * <p>Thread-safety: these writes take no lock of the sink; the store serialises them.
 */
abstract class StoreRecordSink implements CrawlRecordSink {
  /** The run's store, where the subclass writes the rest too. */
  final CatalogueStore store;

  /** The run's id, of the crawl-log rows and the subclass's crawl writes. */
  final long runId;

  /**
   * @param store the run's store
   * @param runId the run's id, of the crawl-log rows
   */
  StoreRecordSink(CatalogueStore store, long runId) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.runId = runId;
  }

  @Override
  public final void recordFetches(List<FetchRecord> rows) {
    try {
      store.recordFetches(runId, rows);
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }

  @Override
  public final void recordSourceCrawl(
      String source, Instant startedAt, Instant finishedAt, boolean complete, int entries) {
    try {
      store.recordSourceCrawl(source, startedAt, finishedAt, complete, entries);
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }
}
