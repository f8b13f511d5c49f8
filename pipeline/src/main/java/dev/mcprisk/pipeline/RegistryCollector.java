package dev.mcprisk.pipeline;

import dev.mcprisk.crawler.registry.Versions;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.EntrySink;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.pipeline.source.SourceReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The pipeline's {@link EntrySink}: entries by id in first-seen order, a later entry of an id
 * replacing it only with a higher version ({@link Versions}).
 *
 * <p>Not thread-safe.
 */
final class RegistryCollector implements EntrySink {
  private final Map<String, ServerEntry> entries = new LinkedHashMap<>();
  private final SourceReport report = new SourceReport();
  private final Consumer<Failure> failures;
  private long rejected;
  private long superseded;

  /**
   * @param failures receives a REJECTED failure of the registry stage per rejected entry
   */
  RegistryCollector(Consumer<Failure> failures) {
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
