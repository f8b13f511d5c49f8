package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Collects the pages of {@code tools/list}: keeps every valid tool ({@link ToolDefinition#of}) up
 * to the tool cap, skips and counts invalid ones (quoting the first {@value #QUOTED_ERRORS}
 * errors), counts the pages, and keeps the first page's {@code ttlMs}.
 *
 * <p>A session holds it across the listing so that what was read survives a listing cut short (a
 * cap, a failure, an interrupt). Not thread-safe: one crawl thread fills it.
 */
final class ToolCollector {

  /** Invalid tools whose error message the note quotes: 3. */
  static final int QUOTED_ERRORS = 3;

  private final int maxTools;
  private final List<ToolDefinition> tools = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private int skipped;
  private int pages;
  private OptionalLong ttlMs = OptionalLong.empty();

  /**
   * @param maxTools most tools kept ({@link CrawlLimits#maxTools()}); positive
   */
  ToolCollector(int maxTools) {
    this.maxTools = maxTools;
  }

  /**
   * Takes one page (a {@link CursorPager.PageHandler}).
   *
   * @param result the page's result object, read for {@code ttlMs} on the first page only
   * @param page its {@code tools} array
   * @return false when a tool on the page was over the cap: it and the rest of the page are not
   *     kept
   */
  boolean add(JsonNode result, JsonNode page) {
    if (pages == 0 && result.path("ttlMs").isIntegralNumber()) {
      ttlMs = OptionalLong.of(result.get("ttlMs").asLong());
    }
    pages++;
    for (JsonNode tool : page) {
      if (tools.size() == maxTools) {
        return false;
      }
      try {
        tools.add(ToolDefinition.of(tool));
      } catch (IllegalArgumentException e) {
        skipped++;
        if (errors.size() < QUOTED_ERRORS) {
          errors.add(e.getMessage());
        }
      }
    }
    return true;
  }

  /** The tools kept, in the server's order; a read-only live view. */
  List<ToolDefinition> tools() {
    return Collections.unmodifiableList(tools);
  }

  /** Pages taken. */
  int pages() {
    return pages;
  }

  /**
   * 2026-07-28: the first page's {@code ttlMs}, how long the list may be cached, in milliseconds;
   * empty when not given.
   */
  OptionalLong ttlMs() {
    return ttlMs;
  }

  /** What the crawl's reason should mention about skipped tools; empty when none was skipped. */
  String note() {
    return skipped == 0
        ? ""
        : "skipped " + skipped + " invalid tool(s): " + String.join("; ", errors);
  }
}
