package dev.mcprisk.pipeline;

import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.pipeline.source.SourceReport;
import dev.mcprisk.pipeline.source.ToolSink;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.PackageMetadata;
import dev.mcprisk.store.StoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pipeline's {@link ToolSink}: writes outcomes to the store a batch at a time ({@link
 * CatalogueStore#recordCrawls}, one transaction each) once {@value #BATCH_SERVERS} outcomes or
 * {@value #BATCH_TOOLS} tools are waiting, and at {@link #flush()}. Holds per server only its id
 * (whether it had a usable outcome), never the catalogue's tools. Crawl records and package
 * metadata are written at once ({@link CatalogueStore#recordFetches}, {@link
 * CatalogueStore#recordSourceCrawl}, {@link CatalogueStore#savePackageMetadata}), a {@link
 * StoreException} thrown as {@link UncheckedStoreException}.
 *
 * <p>Thread-safety: every method is thread-safe. Those of the outcomes and counts are {@code
 * synchronized}; a batch is written while holding the lock, so concurrent sources wait for it (the
 * store serialises writes anyway). The crawl records and package metadata go straight to the store,
 * which serialises them, without this sink's lock.
 */
final class ToolCollector extends StoreRecordSink implements ToolSink {
  /** Outcomes written to the store in one transaction, at most: 200 servers. */
  static final int BATCH_SERVERS = 200;

  /** Tools written to the store in one transaction, at most (a batch ends past it): 5,000. */
  static final int BATCH_TOOLS = 5_000;

  private final Map<String, ServerEntry> entries;
  private final Consumer<Failure> failures;
  private final Consumer<String> notes;
  private final Set<String> usable = new HashSet<>();
  private final SourceReport report = new SourceReport();
  private final List<CrawlOutcome> pending = new ArrayList<>();
  private int pendingTools;
  private long outcomes;
  private long changes;
  private long storeNanos;
  private long batches;

  /**
   * @param entries the run's entries by id, added to by {@link #addEntry}; a thread-safe map
   * @param failures receives each failure (called under this sink's lock)
   * @param notes receives each note (called under this sink's lock)
   */
  ToolCollector(
      CatalogueStore store,
      long runId,
      Map<String, ServerEntry> entries,
      Consumer<Failure> failures,
      Consumer<String> notes) {
    super(store, runId);
    this.entries = Objects.requireNonNull(entries, "entries == null");
    this.failures = Objects.requireNonNull(failures, "failures == null");
    this.notes = Objects.requireNonNull(notes, "notes == null");
  }

  @Override
  public synchronized void accept(CrawlOutcome outcome) {
    Objects.requireNonNull(outcome, "outcome == null");
    if (outcome.status().usable()) {
      usable.add(outcome.serverId());
    }
    pending.add(outcome);
    pendingTools += outcome.tools().size();
    outcomes++;
    if (pending.size() >= BATCH_SERVERS || pendingTools >= BATCH_TOOLS) {
      try {
        flush();
      } catch (StoreException e) {
        throw new UncheckedStoreException(e);
      }
    }
  }

  @Override
  public synchronized boolean hasUsable(String serverId) {
    return usable.contains(serverId);
  }

  @Override
  public synchronized void addEntry(ServerEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    ServerEntry known = entries.get(entry.id());
    if (known == null
        || (Origins.LIVE.equals(known.source()) && !Origins.LIVE.equals(entry.source()))) {
      entries.put(entry.id(), entry);
    }
  }

  @Override
  public synchronized void failed(String subject, String status, String reason) {
    failures.accept(new Failure("tools", subject, status, reason));
  }

  @Override
  public synchronized void note(String text) {
    notes.accept(text);
  }

  @Override
  public synchronized void count(SourceCount count, long delta) {
    report.add(count, delta);
  }

  @Override
  public synchronized void countRemoteOutcome(CrawlStatus status) {
    report.addRemoteOutcome(status);
  }

  @Override
  public void savePackageMetadata(PackageMetadata metadata) {
    try {
      store.savePackageMetadata(metadata);
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }

  /**
   * Writes the waiting outcomes to the store, in one transaction.
   *
   * @throws StoreException when the write fails (nothing of the batch is written then)
   */
  synchronized void flush() throws StoreException {
    if (pending.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    changes += store.recordCrawls(runId, List.copyOf(pending)).size();
    storeNanos += System.nanoTime() - start;
    batches++;
    pending.clear();
    pendingTools = 0;
  }

  /** The counts the sources reported, by key ({@link SourceReport#asCounts}). */
  synchronized Map<String, Long> counts() {
    return report.asCounts();
  }

  /** One count the sources reported; 0 when none did. */
  synchronized long count(SourceCount count) {
    return report.get(count);
  }

  /** Whether a source reported {@code count}, even as 0. */
  synchronized boolean counted(SourceCount count) {
    return report.has(count);
  }

  /** Outcomes accepted. */
  synchronized long outcomes() {
    return outcomes;
  }

  /** Change events the written batches stored. */
  synchronized long changes() {
    return changes;
  }

  /** Milliseconds spent writing batches to the store. */
  synchronized long storeMillis() {
    return storeNanos / 1_000_000;
  }

  /** Batches written. */
  synchronized long batches() {
    return batches;
  }
}
