package dev.mcprisk.pipeline.source;

import dev.mcprisk.model.ServerEntry;
import java.io.IOException;
import java.util.Map;

/**
 * A source of tool lists: the pipeline's stage 2 ("tools") runs each configured source in order
 * ({@link PipelineSources#toolSources()}), all into one {@link ToolSink}.
 *
 * <p>Order and precedence: a source skips a server that already has a usable outcome in this run
 * ({@link ToolSink#hasUsable}), so the first source in the order that answers usably wins. The live
 * crawl runs before the recorded answers: a usable live answer replaces the recorded one before
 * either is stored, so a server crawled live every night does not flip between its recorded and
 * live tool sets (which would log ADDED and REMOVED events on every run).
 *
 * <p>Implementations: {@link ReferenceServerSource} (live stdio crawl of the pinned reference
 * servers), {@link BundledSnapshotSource} (recorded answers, bundled or from a folder).
 *
 * <p>Thread-safety: {@link #crawl} is called on the pipeline's thread, once per run; it may hand
 * outcomes to the sink from several threads of its own (the sink is thread-safe) but must have
 * finished with them when it returns.
 */
public interface ToolSource {
  /** A short name for progress lines, logs and failures, e.g. {@code recorded}. */
  String name();

  /**
   * Crawls (or reads) the tool lists this source knows and hands each server's outcome to {@code
   * sink}. Checks {@link SourceContext#stop()} between servers and returns early when raised.
   *
   * @param ctx the run: configuration, clock, stop signal, store
   * @param entries the registry entries of this run by server id (read-only: add entries for
   *     servers it finds with {@link ToolSink#addEntry})
   * @param sink where outcomes, failures, notes and counts go
   * @throws IOException when the source as a whole cannot be read
   */
  void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink) throws IOException;
}
