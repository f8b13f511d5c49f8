package dev.mcprisk.pipeline.source;

import dev.mcprisk.pipeline.PipelineConfig;
import dev.mcprisk.pipeline.StopSignal;
import dev.mcprisk.store.CatalogueReader;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What a source may use during one run.
 *
 * @param config the run's configuration (home, offline, limits, sandboxing, ...)
 * @param clock the run's clock
 * @param stop raised when the run should stop at the next safe point (between servers)
 * @param store the catalogue's read side, e.g. for the last complete crawl's start of an
 *     incremental source; a source writes only through its sink ({@link EntrySink}, {@link
 *     ToolSink}, which hold the run's id)
 * @param startedAt when the run started
 */
public record SourceContext(
    PipelineConfig config, Clock clock, StopSignal stop, CatalogueReader store, Instant startedAt) {
  public SourceContext {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(stop, "stop == null");
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
  }
}
