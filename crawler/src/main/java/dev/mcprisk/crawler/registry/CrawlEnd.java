package dev.mcprisk.crawler.registry;

/** How a crawl of the registry API's list ended ({@link RegistryCrawlResult#end()}). */
public enum CrawlEnd {
  /** The listing was read to its end. */
  COMPLETE,
  /** A page could not be fetched or read. */
  PAGE_FAILED,
  /** The registry returned a cursor it had returned before. */
  CURSOR_LOOP,
  /** {@link RegistryApiCrawler#MAX_PAGES} pages were read. */
  PAGE_CAP,
  /** The caller's entry limit was reached. */
  ENTRY_LIMIT,
  /** The crawl's byte or time budget ({@link dev.mcprisk.crawler.http.CrawlBudget}) ran out. */
  BUDGET_EXCEEDED,
  /** The caller asked it to stop ({@link CrawlControl#stopReason()}), e.g. on SIGTERM. */
  STOPPED
}
