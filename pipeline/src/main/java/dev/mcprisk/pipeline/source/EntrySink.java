package dev.mcprisk.pipeline.source;

import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.store.ServerUpsert;
import java.util.Collection;

/**
 * Where {@link EntrySource}s put registry entries. A server id given several times (versions of one
 * server, in one source or across sources) keeps its highest version ({@code
 * dev.mcprisk.crawler.registry.Versions}); the others count as superseded. A source that must keep
 * what it read even when the run ends before the store stage (an incremental listing, whose end is
 * recorded with {@link #recordSourceCrawl}) stores its entries through {@link #upsertServers} as it
 * reads them.
 *
 * <p>Thread-safety: the pipeline's implementation is not thread-safe; call it from the thread
 * {@link EntrySource#read} runs on.
 */
public interface EntrySink extends CrawlRecordSink {
  /** Adds an entry (or supersedes a lower version of the same id). */
  void accept(ServerEntry entry);

  /**
   * Records an entry that could not be read; it becomes a {@code REJECTED} failure of the registry
   * stage.
   *
   * @param subject what was rejected, e.g. {@code "seed.json entry #12"}
   * @param reason why, for a person
   */
  void rejected(String subject, String reason);

  /**
   * Adds {@code delta} to {@code count} (e.g. {@link SourceCount#FILES}, {@link
   * SourceCount#SUPERSEDED}), reported in the stage's counts.
   */
  void count(SourceCount count, long delta);

  /**
   * Stores server entries at once, in one transaction, as the store stage does later with every
   * entry: by id, a stored entry replaced only by one whose source ranks the same or higher ({@link
   * dev.mcprisk.store.SourceRank}), a status-history row (at the current time, without a run id)
   * for each changed status or version. This does not {@link #accept} them: a source does both.
   *
   * @param entries the entries; never null
   * @return what was written, with the entries the store refused (a value longer than its column),
   *     which the source reports as rejected
   * @throws dev.mcprisk.pipeline.UncheckedStoreException when the write fails (nothing of it is
   *     written then): sources must let it through (the run ends as FAILED)
   */
  ServerUpsert upsertServers(Collection<ServerEntry> entries);
}
