/**
 * Tools read from a server's README when it cannot be started: Markdown rendered to HTML ({@link
 * dev.mcprisk.crawler.readme.MarkdownToHtml}), tool sections found and read with Jsoup ({@link
 * dev.mcprisk.crawler.readme.ReadmeToolExtractor}, {@link
 * dev.mcprisk.crawler.readme.SectionReader}), and the README taken from an npm tarball ({@link
 * dev.mcprisk.crawler.readme.NpmTarballReadme}). Every input is bounded in bytes.
 */
package dev.mcprisk.crawler.readme;
