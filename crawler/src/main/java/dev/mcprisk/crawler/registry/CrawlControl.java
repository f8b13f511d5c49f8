package dev.mcprisk.crawler.registry;

import java.net.URI;
import java.util.List;

/**
 * What the caller of a {@link RegistryApiCrawler} crawl does between two pages: its own per-page
 * work (writing the fetch log so far) and whether to go on. Both are called on the crawling thread.
 */
public interface CrawlControl {
  /** Goes on to the end and does nothing between pages. */
  CrawlControl NONE = new CrawlControl() {};

  /**
   * Called after each page is read and its entries handed out.
   *
   * @param pagesRead pages read so far, from 1
   * @param url the page's URL
   * @param rejected the page's entries that could not be read (index within the page), in order
   */
  default void pageRead(int pagesRead, URI url, List<RejectedEntry> rejected) {}

  /**
   * Asked before each page.
   *
   * @return why to stop now (e.g. {@code "SIGTERM"}), or null to go on
   */
  default String stopReason() {
    return null;
  }
}
