/**
 * Registry entries: the official MCP Registry API crawled page by page with its cursor ({@link
 * dev.mcprisk.crawler.registry.RegistryApiCrawler}, steered by {@link
 * dev.mcprisk.crawler.registry.CrawlControl}), registry seed files ({@link
 * dev.mcprisk.crawler.registry.RegistrySeedReader}), the bounds an entry must keep ({@link
 * dev.mcprisk.crawler.registry.EntryLimits}) and the entries refused with a reason ({@link
 * dev.mcprisk.crawler.registry.RejectedEntry}).
 */
package dev.mcprisk.crawler.registry;
