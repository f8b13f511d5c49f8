package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import java.util.HashSet;
import java.util.Set;

/**
 * Follows {@code nextCursor} through one paged list ({@code tools/list}, {@code prompts/list},
 * {@code resources/list}, {@code resources/templates/list}): the one cursor loop of a session.
 *
 * <p>Rules (https://modelcontextprotocol.io/specification/2025-06-18/server/utilities/pagination):
 * the first request has no {@code cursor}; each later one sends the previous page's {@code
 * nextCursor} as {@code cursor}, unchanged (cursors are opaque). A missing {@code nextCursor} ends
 * the list; so does an empty one (this crawler's rule: an empty cursor cannot be sent back). Beyond
 * the spec, so that a server cannot keep the crawl paging: a {@code nextCursor} already followed
 * ends it ({@link Paging.End#REPEATED_CURSOR}), and so does the page cap ({@link
 * CrawlLimits#maxPages()} pages read, {@link Paging.End#PAGE_CAP}). A page must be a result object
 * with the list's array field, and in 2026-07-28 a {@code resultType} of {@code complete} when it
 * has one (https://modelcontextprotocol.io/specification/2026-07-28/changelog); else {@link
 * Paging.End#UNUSABLE}.
 *
 * <p>Each request waits at most {@link CrawlLimits#requestTimeout()} (and never past the crawl's
 * total deadline, see {@link JsonRpcChannel}).
 *
 * <p>Never throws for anything the server does; throws {@link InterruptedException} when the crawl
 * thread is interrupted. Not thread-safe: one crawl thread pages; each {@link #page} call is
 * independent.
 */
final class CursorPager {

  /** Takes each usable page, in order. */
  @FunctionalInterface
  interface PageHandler {
    /**
     * @param result the page's whole result object
     * @param items its array of items (the list's field, such as {@code tools})
     * @return true to go on, false to stop here ({@link Paging.End#STOPPED})
     */
    boolean accept(JsonNode result, JsonNode items);
  }

  private final JsonRpcChannel channel;
  private final int maxPages;
  private final long requestTimeoutNanos;
  private final boolean modern;

  /**
   * @param maxPages most pages read; positive
   * @param requestTimeoutNanos longest wait for each page, in nanoseconds
   * @param modern true for 2026-07-28, where a page's {@code resultType} must be {@code complete}
   * @throws IllegalArgumentException when {@code maxPages} is not positive
   */
  CursorPager(JsonRpcChannel channel, int maxPages, long requestTimeoutNanos, boolean modern) {
    if (maxPages <= 0) {
      throw new IllegalArgumentException("maxPages <= 0: " + maxPages);
    }
    this.channel = channel;
    this.maxPages = maxPages;
    this.requestTimeoutNanos = requestTimeoutNanos;
    this.modern = modern;
  }

  /**
   * Requests {@code method} page by page, handing every usable page to {@code handler}.
   *
   * @param field the result's array of items: {@code tools}, {@code prompts}, ...
   * @return how it ended; never null
   */
  Paging page(String method, String field, PageHandler handler) throws InterruptedException {
    Set<String> cursors = new HashSet<>();
    String cursor = null;
    int items = 0;
    for (int page = 1; ; page++) {
      ObjectNode params = Json.object();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      RpcReply reply = channel.request(method, params, requestTimeoutNanos);
      JsonNode result = reply.result();
      if (result == null) {
        return new Paging(Paging.End.NO_ANSWER, page - 1, items, "", reply);
      }
      JsonNode list = result.get(field);
      String unusable = unusable(result, list, method, field);
      if (unusable != null) {
        return new Paging(Paging.End.UNUSABLE, page - 1, items, unusable, null);
      }
      items += list.size();
      if (!handler.accept(result, list)) {
        return new Paging(Paging.End.STOPPED, page, items, "", null);
      }
      cursor = Json.text(result, "nextCursor");
      if (cursor == null || cursor.isEmpty()) {
        return new Paging(Paging.End.COMPLETE, page, items, "", null);
      }
      if (!cursors.add(cursor)) {
        return new Paging(Paging.End.REPEATED_CURSOR, page, items, cursor, null);
      }
      if (page == maxPages) {
        return new Paging(Paging.End.PAGE_CAP, page, items, "", null);
      }
    }
  }

  /** Why {@code result} cannot be used as a page of {@code method}, else null. */
  private String unusable(JsonNode result, JsonNode list, String method, String field) {
    String type = Json.text(result, "resultType");
    if (modern && type != null && !type.equals("complete")) {
      return method + " answered resultType '" + ReasonText.abbreviate(type) + "', not 'complete'";
    }
    if (list == null || !list.isArray()) {
      return method + " result has no '" + field + "' array";
    }
    return null;
  }
}
