package dev.mcprisk.pipeline;

import dev.mcprisk.crawler.registry.Versions;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.EntrySink;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.pipeline.source.SourceReport;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.ServerUpsert;
import dev.mcprisk.store.StoreException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The pipeline's {@link EntrySink}: entries by id in first-seen order, a later entry of an id
 * replacing it only with a higher version ({@link Versions}). The crawl records and the servers a
 * source stores as it reads are written to the store at once ({@link CatalogueStore#recordFetches},
 * {@link CatalogueStore#recordSourceCrawl}, {@link CatalogueStore#upsertServers(Collection)}), a
 * {@link StoreException} thrown as {@link UncheckedStoreException}.
 *
 * <p>Not thread-safe.
 */
final class RegistryCollector extends StoreRecordSink implements EntrySink {
  private final Map<String, ServerEntry> entries = new LinkedHashMap<>();
  private final SourceReport report = new SourceReport();
  private final Consumer<Failure> failures;
  private long rejected;
  private long superseded;

  /**
   * @param store where the crawl records and stored servers go
   * @param runId the run's id, of the crawl-log rows
   * @param failures receives a REJECTED failure of the registry stage per rejected entry
   */
  RegistryCollector(CatalogueStore store, long runId, Consumer<Failure> failures) {
    super(store, runId);
    this.failures = Objects.requireNonNull(failures, "failures == null");
  }

  @Override
  public void accept(ServerEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    ServerEntry earlier = entries.putIfAbsent(entry.id(), entry);
    if (earlier != null) {
      superseded++;
      if (Versions.compare(entry.version(), earlier.version()) > 0) {
        entries.put(entry.id(), entry);
      }
    }
  }

  @Override
  public void rejected(String subject, String reason) {
    rejected++;
    failures.accept(new Failure("registry", subject, "REJECTED", reason));
  }

  @Override
  public void count(SourceCount count, long delta) {
    report.add(count, delta);
  }

  @Override
  public ServerUpsert upsertServers(Collection<ServerEntry> batch) {
    try {
      return store.upsertServers(batch);
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }

  /** The entries by id (the collector's own map). */
  Map<String, ServerEntry> entries() {
    return entries;
  }

  /** The stage's counts: the sources' plus {@code rejected} and {@code superseded}. */
  Map<String, Long> counts() {
    Map<String, Long> out = report.asCounts();
    out.put("rejected", rejected);
    out.merge("superseded", superseded, Long::sum);
    return out;
  }
}
