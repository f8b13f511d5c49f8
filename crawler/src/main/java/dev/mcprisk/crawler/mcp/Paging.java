package dev.mcprisk.crawler.mcp;

import java.util.Objects;

/**
 * How {@link CursorPager#page} ended one paged list.
 *
 * <p>Thread-safety: as {@link RpcReply}; it stays on the crawl thread.
 *
 * @param end why the paging stopped; never null
 * @param pages pages handed to the page handler, zero or more (a page the handler stopped at
 *     counts)
 * @param items items on those pages (the sizes of their arrays added up), zero or more
 * @param detail for {@link End#REPEATED_CURSOR} the cursor repeated, as sent (not abbreviated); for
 *     {@link End#UNUSABLE} why the page cannot be used, for a person; else empty. Never null
 * @param reply for {@link End#NO_ANSWER} the reply without a result; else null
 */
record Paging(End end, int pages, int items, String detail, RpcReply reply) {

  /** Why the paging stopped. */
  enum End {
    /** The last page had no {@code nextCursor}, or an empty one: the list is complete. */
    COMPLETE,
    /** A page gave a {@code nextCursor} already followed; that page and those before were read. */
    REPEATED_CURSOR,
    /** The page cap was reached with a {@code nextCursor} still to follow. */
    PAGE_CAP,
    /** The page handler asked to stop (a cap of its own, such as the tool cap). */
    STOPPED,
    /** A request got no result: an error answer, a transport failure or a timeout. */
    NO_ANSWER,
    /**
     * A result that cannot be used: not {@code complete} (2026-07-28), or without the items array.
     */
    UNUSABLE
  }

  Paging {
    Objects.requireNonNull(end, "end == null");
    Objects.requireNonNull(detail, "detail == null");
  }
}
