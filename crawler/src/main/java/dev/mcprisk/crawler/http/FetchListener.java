package dev.mcprisk.crawler.http;

import dev.mcprisk.model.FetchRecord;

/**
 * Told about every fetch of a {@link PoliteFetcher}, once, after its retries: the crawl log's feed.
 * Called on the fetching thread, possibly from several threads at once, so implementations must be
 * thread-safe and quick; an exception thrown here is ignored.
 */
@FunctionalInterface
public interface FetchListener {
  /** A listener that does nothing. */
  FetchListener NONE = record -> {};

  /**
   * One finished fetch.
   *
   * @param record the fetch, redacted; never null
   */
  void onFetch(FetchRecord record);
}
