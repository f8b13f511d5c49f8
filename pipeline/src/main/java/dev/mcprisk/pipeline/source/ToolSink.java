package dev.mcprisk.pipeline.source;

import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.store.PackageMetadata;

/**
 * Where {@link ToolSource}s put crawl outcomes. Outcomes are written to the store in batches as
 * they arrive (a JDBC batch and one transaction per batch of servers), so memory is bounded by a
 * batch, never by the catalogue; the time spent writing is measured apart from the crawl.
 *
 * <p>Thread-safety: every method is thread-safe (calls are serialised), so a source may crawl
 * servers concurrently.
 */
public interface ToolSink extends CrawlRecordSink {
  /**
   * Adds one server's outcome, usable or not; it is written to the crawl log (and, when usable,
   * becomes the server's current tool set) with the batch it lands in.
   *
   * @throws UncheckedStoreException when writing a full batch to the store fails: sources must let
   *     it through (the run ends as FAILED)
   */
  void accept(CrawlOutcome outcome);

  /** Whether a usable outcome ({@code status().usable()}) of this server was accepted this run. */
  boolean hasUsable(String serverId);

  /**
   * Adds the registry entry of a server known only from this source. An entry of a registry source
   * is never replaced; otherwise the first entry of an id is kept, except that one made from a live
   * answer ({@link dev.mcprisk.model.Origins#LIVE}) yields to one made from a recorded answer
   * (which names the package and its pinned version).
   */
  void addEntry(ServerEntry entry);

  /**
   * Records a server (or file) whose tools could not be had; it becomes a failure of the tools
   * stage.
   *
   * @param subject the server id or file name
   * @param status the outcome's status name, e.g. {@code TIMEOUT}, {@code SNAPSHOT_INVALID}
   * @param reason why, for a person
   */
  void failed(String subject, String status, String reason);

  /** Adds a note for the run summary (something a person should know, not a failure). */
  void note(String text);

  /** Adds {@code delta} to {@code count}, reported in the stage's counts. */
  void count(SourceCount count, long delta);

  /** Counts one remote crawl by its outcome ({@link SourceReport#addRemoteOutcome}). */
  void countRemoteOutcome(CrawlStatus status);

  /**
   * Keeps what a package registry says about a package (the store's {@code package_metadata}),
   * replacing the earlier record of it, at once.
   *
   * @param metadata the record; never null
   * @throws dev.mcprisk.pipeline.UncheckedStoreException when the write fails
   */
  void savePackageMetadata(PackageMetadata metadata);
}
