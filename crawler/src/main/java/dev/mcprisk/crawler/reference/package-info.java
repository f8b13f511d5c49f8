/**
 * The official MCP reference servers crawled live by default, pinned to exact versions ({@link
 * dev.mcprisk.crawler.reference.ReferenceServers}, installed with {@code npm ci}, {@link
 * dev.mcprisk.crawler.reference.InstallResult}).
 */
package dev.mcprisk.crawler.reference;
