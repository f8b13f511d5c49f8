package dev.mcprisk.pipeline.source;

import dev.mcprisk.model.ServerEntry;

/**
 * Where {@link EntrySource}s put registry entries. A server id given several times (versions of one
 * server, in one source or across sources) keeps its highest version ({@code
 * dev.mcprisk.crawler.registry.Versions}); the others count as superseded.
 *
 * <p>Thread-safety: the pipeline's implementation is not thread-safe; call it from the thread
 * {@link EntrySource#read} runs on.
 */
public interface EntrySink {
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
}
