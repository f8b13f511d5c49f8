package dev.mcprisk.pipeline;

import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.EntrySource;
import dev.mcprisk.pipeline.source.SourceContext;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.store.CatalogueStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage 1: reads every entry source in order ({@link
 * dev.mcprisk.pipeline.source.PipelineSources#entrySources()}). A name in several entries (versions
 * of one server, in one source or across sources) keeps its highest version.
 */
final class RegistryStage {
  private RegistryStage() {}

  /**
   * What the registry stage read.
   *
   * @param entries the entries by id, a thread-safe map the tool sources may add to
   * @param servers entries kept when the stage ended
   * @param sources the names of the sources read, in order
   * @param sourceCounts the sources' counts plus {@code rejected} and {@code superseded}
   */
  record Report(
      Map<String, ServerEntry> entries,
      int servers,
      List<String> sources,
      Map<String, Long> sourceCounts)
      implements StageReport {
    @Override
    public String result() {
      long files = sourceCounts.getOrDefault(SourceCount.FILES.key(), 0L);
      return servers
          + " servers from "
          + String.join(", ", sources)
          + (files > 0 ? " (" + files + " registry files)" : "")
          + " ("
          + sourceCounts.get("rejected")
          + " entries rejected, "
          + sourceCounts.get(SourceCount.SUPERSEDED.key())
          + " older versions superseded)";
    }

    @Override
    public Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>(sourceCounts);
      counts.put("servers", (long) servers);
      counts.putIfAbsent(SourceCount.FILES.key(), 0L);
      return counts;
    }
  }

  static Report run(
      List<EntrySource> sources, SourceContext ctx, CatalogueStore store, RunJournal journal)
      throws IOException {
    RegistryCollector sink = new RegistryCollector(store, journal.runId(), journal::fail);
    List<String> names = new ArrayList<>();
    for (EntrySource source : sources) {
      RunStopped.checkpoint(
          ctx.stop(), "in the registry stage, before the " + source.name() + " source");
      source.read(ctx, sink);
      names.add(source.name());
    }
    Map<String, ServerEntry> entries = new ConcurrentHashMap<>(sink.entries());
    return new Report(entries, entries.size(), List.copyOf(names), sink.counts());
  }
}
