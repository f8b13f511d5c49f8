package dev.mcprisk.crawler.mcp;

import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;

/**
 * The list requests of one negotiated session, all through one {@link CursorPager}: {@code
 * tools/list} collected, the others counted.
 *
 * <p>{@code tools/list} (https://modelcontextprotocol.io/specification/2025-06-18/server/tools):
 * every page is collected; the page cap, the tool cap and a repeated cursor end the crawl {@code
 * TRUNCATED} with the tools read; an unusable page is {@code PROTOCOL_ERROR}; a request without an
 * answer ends the crawl as {@link JsonRpcChannel#failure} says, except that an error answer to the
 * first page from a server that announced no {@code tools} capability means it has no tools ({@code
 * OK}, said in the reason).
 *
 * <p>Counted lists ({@code prompts/list}, {@code resources/list}, {@code resources/templates/list};
 * https://modelcontextprotocol.io/specification/2025-06-18/server/prompts and
 * https://modelcontextprotocol.io/specification/2025-06-18/server/resources): a failure does not
 * change the crawl's status; it is noted, and only a lost connection stops the later lists ({@link
 * ListCount.State}).
 *
 * <p>Never throws for anything the server does; throws {@link InterruptedException} when the crawl
 * thread is interrupted. Not thread-safe: one crawl thread lists.
 */
final class Listing {

  private final CursorPager pager;
  private final JsonRpcChannel channel;
  private final CrawlLimits limits;
  private final Negotiated server;

  /**
   * @param server what was negotiated: its version decides whether {@code resultType} is checked,
   *     its capabilities which lists exist
   */
  Listing(JsonRpcChannel channel, CrawlLimits limits, Negotiated server) {
    this.pager =
        new CursorPager(
            channel, limits.maxPages(), limits.requestTimeout().toNanos(), server.modern());
    this.channel = channel;
    this.limits = limits;
    this.server = server;
  }

  /**
   * Lists the tools into {@code tools}.
   *
   * @return {@link Verdict#OK} (perhaps with a reason) when the session goes on, else why it ends
   */
  Verdict tools(ToolCollector tools) throws InterruptedException {
    Paging paging = pager.page("tools/list", "tools", tools::add);
    return switch (paging.end()) {
      case COMPLETE -> Verdict.OK;
      case STOPPED ->
          Verdict.of(CrawlStatus.TRUNCATED, "stopped at the tool cap of " + limits.maxTools());
      case REPEATED_CURSOR ->
          Verdict.of(
              CrawlStatus.TRUNCATED,
              "server repeated cursor '" + ReasonText.abbreviate(paging.detail()) + "'");
      case PAGE_CAP ->
          Verdict.of(CrawlStatus.TRUNCATED, "stopped at the page cap of " + limits.maxPages());
      case UNUSABLE -> Verdict.of(CrawlStatus.PROTOCOL_ERROR, paging.detail());
      case NO_ANSWER -> noTools(paging);
    };
  }

  /**
   * Counts the items of {@code method} if the server announced {@code capability}.
   *
   * @param field the result's array: {@code prompts}, {@code resources}, {@code resourceTemplates}
   * @return never null; {@link ListCount#NOT_LISTED} when the capability was not announced
   */
  ListCount count(String capability, String method, String field) throws InterruptedException {
    if (!server.announces(capability)) {
      return ListCount.NOT_LISTED;
    }
    Paging paging = pager.page(method, field, (result, items) -> true);
    int items = paging.items();
    return switch (paging.end()) {
      case COMPLETE -> ListCount.counted(items, "");
      case REPEATED_CURSOR ->
          ListCount.counted(items, method + " repeated a cursor; counted " + items);
      case PAGE_CAP ->
          ListCount.counted(
              items,
              method + " stopped at the page cap of " + limits.maxPages() + "; counted " + items);
      case UNUSABLE -> ListCount.failed(paging.detail());
      case NO_ANSWER -> noCount(method, paging.reply());
      case STOPPED -> throw new AssertionError("a count never stops its pager");
    };
  }

  /** {@code tools/list} got no result (see the class comment). */
  private Verdict noTools(Paging paging) {
    RpcReply reply = paging.reply();
    if (reply.error() != null && paging.pages() == 0 && !server.announces("tools")) {
      // A server that announces no tools capability may refuse tools/list: it has no tools.
      return Verdict.of(
          CrawlStatus.OK,
          "no tools capability; tools/list refused (tools/list answered error "
              + ReasonText.abbreviate(Json.write(reply.error()))
              + ")");
    }
    return channel.failure(reply, "tools/list", limits.requestTimeout().toNanos());
  }

  private static ListCount noCount(String method, RpcReply reply) {
    if (reply.error() != null) {
      return ListCount.failed(
          method + " answered error " + ReasonText.abbreviate(Json.write(reply.error())));
    }
    return ListCount.lost(
        method
            + " failed: "
            + (reply.failure() != null ? reply.failure().reason() : "no answer in time"));
  }
}
