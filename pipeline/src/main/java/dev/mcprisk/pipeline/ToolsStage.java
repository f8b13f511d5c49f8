package dev.mcprisk.pipeline;

import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.pipeline.source.SourceContext;
import dev.mcprisk.pipeline.source.SourceCount;
import dev.mcprisk.pipeline.source.ToolSource;
import dev.mcprisk.store.CatalogueStore;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 2: runs every tool source in order ({@link
 * dev.mcprisk.pipeline.source.PipelineSources#toolSources()}: by default the live crawl, then the
 * recorded answers) into one {@link ToolCollector}, which writes the outcomes to the store in
 * batches as they arrive. A source skips servers that already have a usable outcome, so a usable
 * live answer replaces the recorded one before either is stored and a server crawled live every
 * night does not flip between its recorded and live tool sets.
 */
final class ToolsStage {
  /** Counts every run reports, 0 when no source counted them. */
  private static final List<SourceCount> ALWAYS =
      List.of(
          SourceCount.RECORDED_ANSWERS,
          SourceCount.RECORDED_TOOLS,
          SourceCount.LIVE_CRAWLS,
          SourceCount.LIVE_OK);

  private ToolsStage() {}

  /**
   * What the tools stage read.
   *
   * @param sink the collector, whose last batch the store stage writes
   * @param sourceCounts the sources' counts ({@link dev.mcprisk.pipeline.source.SourceReport})
   * @param outcomes outcomes accepted
   * @param storeMillis milliseconds of this stage spent writing batches to the store (the rest is
   *     crawling)
   * @param offline whether the live crawl was off ({@code --offline})
   */
  record Report(
      ToolCollector sink,
      Map<String, Long> sourceCounts,
      long outcomes,
      long storeMillis,
      boolean offline)
      implements StageReport {
    @Override
    public String result() {
      StringBuilder result = new StringBuilder();
      long recordedAnswers = get(SourceCount.RECORDED_ANSWERS);
      if (recordedAnswers > 0) {
        result
            .append(recordedAnswers)
            .append(" recorded answers of ")
            .append(get(SourceCount.RECORDED_SERVERS))
            .append(" servers (")
            .append(get(SourceCount.RECORDED_TOOLS))
            .append(" tools); ");
      }
      if (offline) {
        result.append("live crawl off (--offline); ");
      } else if (get(SourceCount.LIVE_CRAWLS) > 0) {
        result
            .append(get(SourceCount.LIVE_OK))
            .append(" of ")
            .append(get(SourceCount.LIVE_CRAWLS))
            .append(" live stdio crawls OK; ");
      }
      appendCount(result, SourceCount.REMOTE_TARGETS, "", " remote servers crawled over HTTP (");
      appendCount(result, SourceCount.REMOTE_OK, "", " OK); ");
      appendCount(result, SourceCount.LAUNCH_TARGETS, "", " packages launched; ");
      appendCount(result, SourceCount.NPM_PACKUMENTS, "", " npm packuments; ");
      appendCount(result, SourceCount.PYPI_PROJECTS, "", " PyPI projects; ");
      appendCount(result, SourceCount.README_SERVERS, "README tools for ", " servers; ");
      return result
          .append(outcomes)
          .append(" outcomes, ")
          .append(storeMillis)
          .append(" ms of it writing them to the store")
          .toString();
    }

    @Override
    public Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>(sourceCounts);
      for (SourceCount c : ALWAYS) {
        counts.putIfAbsent(c.key(), 0L);
      }
      counts.put("outcomes", outcomes);
      counts.put("storeMs", storeMillis);
      return counts;
    }

    private long get(SourceCount count) {
      return sourceCounts.getOrDefault(count.key(), 0L);
    }

    /** Appends {@code before n after} when a source counted {@code count}, even as 0. */
    private void appendCount(StringBuilder out, SourceCount count, String before, String after) {
      Long n = sourceCounts.get(count.key());
      if (n != null) {
        out.append(before).append(n).append(after);
      }
    }
  }

  static Report run(
      List<ToolSource> sources,
      SourceContext ctx,
      CatalogueStore store,
      Map<String, ServerEntry> entries,
      RunJournal journal)
      throws IOException {
    ToolCollector sink =
        new ToolCollector(store, journal.runId(), entries, journal::fail, journal::note);
    Map<String, ServerEntry> view = Collections.unmodifiableMap(entries);
    for (ToolSource source : sources) {
      RunStopped.checkpoint(
          ctx.stop(), "in the tools stage, before the " + source.name() + " source");
      source.crawl(ctx, view, sink);
    }
    RunStopped.checkpoint(ctx.stop(), "in the tools stage, after its sources");
    return new Report(
        sink, sink.counts(), sink.outcomes(), sink.storeMillis(), ctx.config().offline());
  }
}
