/**
 * Bounded, polite HTTP for the registry sources (MCP Registry API, npm, PyPI, README pages): {@link
 * dev.mcprisk.crawler.http.PoliteFetcher} with its per-host {@link
 * dev.mcprisk.crawler.http.Politeness} and per-fetch {@link dev.mcprisk.crawler.http.FetchLimits}
 * (bytes, time, redirects), a per-crawl {@link dev.mcprisk.crawler.http.CrawlBudget}, and outcomes
 * as data ({@link dev.mcprisk.crawler.http.FetchResult} with a {@link
 * dev.mcprisk.crawler.http.FetchOutcome}), reported to a {@link
 * dev.mcprisk.crawler.http.FetchListener} for the fetch log.
 */
package dev.mcprisk.crawler.http;
