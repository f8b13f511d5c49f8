package dev.mcprisk.crawler.readme;

import java.util.Objects;

/**
 * Markdown rendered to HTML by {@link MarkdownToHtml}.
 *
 * @param html the HTML; never null
 * @param flattenedLines how many Markdown lines had their nesting flattened; zero or more
 */
record RenderedMarkdown(String html, int flattenedLines) {

  RenderedMarkdown {
    Objects.requireNonNull(html, "html == null");
    if (flattenedLines < 0) {
      throw new IllegalArgumentException("flattenedLines " + flattenedLines + " < 0");
    }
  }
}
