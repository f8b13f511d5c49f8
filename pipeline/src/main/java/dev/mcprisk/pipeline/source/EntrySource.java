package dev.mcprisk.pipeline.source;

import java.io.IOException;

/**
 * A source of registry entries: the pipeline's stage 1 ("registry") runs each configured source in
 * order ({@link PipelineSources#entrySources()}), all into one {@link EntrySink}.
 *
 * <p>Implementations: {@link BundledRegistrySource} (the seeds bundled with the jar). A source
 * reports a bad entry or page with {@link EntrySink#rejected} and goes on; it throws only when it
 * cannot be read at all, which ends the run as FAILED.
 *
 * <p>Thread-safety: {@link #read} is called on the pipeline's thread, once per run.
 */
public interface EntrySource {
  /** A short name for progress lines, logs and failures, e.g. {@code bundled}. */
  String name();

  /**
   * Reads every entry this source knows into {@code sink}.
   *
   * @param ctx the run: configuration, clock, stop signal, store
   * @param sink where entries and rejections go
   * @throws IOException when the source as a whole cannot be read
   */
  void read(SourceContext ctx, EntrySink sink) throws IOException;
}
