package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorPagerTest {

  private static final CrawlLimits LIMITS = CrawlLimits.defaults();

  @Test
  void followsEveryCursorUntilAPageHasNone() throws InterruptedException {
    ScriptedTransport transport =
        pages(
            Map.of(
                "", "{\"tools\":[{},{}],\"nextCursor\":\"a\"}",
                "a", "{\"tools\":[{}],\"nextCursor\":\"b\"}",
                "b", "{\"tools\":[]}"));

    Paging paging = pager(transport, 100, false).page("tools/list", "tools", (r, items) -> true);

    assertEquals(Paging.End.COMPLETE, paging.end());
    assertEquals(3, paging.pages());
    assertEquals(3, paging.items());
    assertEquals(Arrays.asList(null, "a", "b"), transport.cursors());
  }

  @Test
  void anEmptyCursorEndsTheList() throws InterruptedException {
    ScriptedTransport transport = pages(Map.of("", "{\"prompts\":[{}],\"nextCursor\":\"\"}"));

    Paging paging =
        pager(transport, 100, false).page("prompts/list", "prompts", (r, items) -> true);

    assertEquals(Paging.End.COMPLETE, paging.end());
    assertEquals(1, paging.pages());
    assertEquals(1, transport.requests().size());
  }

  @Test
  void aRepeatedCursorStopsThePagingWithThePagesRead() throws InterruptedException {
    ScriptedTransport transport =
        pages(
            Map.of(
                "", "{\"tools\":[{}],\"nextCursor\":\"a\"}",
                "a", "{\"tools\":[{}],\"nextCursor\":\"b\"}",
                "b", "{\"tools\":[{}],\"nextCursor\":\"a\"}"));

    Paging paging = pager(transport, 100, false).page("tools/list", "tools", (r, items) -> true);

    assertEquals(Paging.End.REPEATED_CURSOR, paging.end());
    assertEquals("a", paging.detail());
    assertEquals(3, paging.pages());
    assertEquals(3, paging.items());
    assertEquals(Arrays.asList(null, "a", "b"), transport.cursors());
  }

  @Test
  void thePageCapStopsWithACursorStillToFollow() throws InterruptedException {
    ScriptedTransport transport =
        pages(
            Map.of(
                "", "{\"tools\":[{}],\"nextCursor\":\"a\"}",
                "a", "{\"tools\":[{}],\"nextCursor\":\"b\"}",
                "b", "{\"tools\":[{}]}"));

    Paging paging = pager(transport, 2, false).page("tools/list", "tools", (r, items) -> true);

    assertEquals(Paging.End.PAGE_CAP, paging.end());
    assertEquals(2, paging.pages());
    assertEquals(2, transport.requests().size());
  }

  @Test
  void aLastPageAtThePageCapIsComplete() throws InterruptedException {
    ScriptedTransport transport =
        pages(Map.of("", "{\"tools\":[{}],\"nextCursor\":\"a\"}", "a", "{\"tools\":[{}]}"));

    Paging paging = pager(transport, 2, false).page("tools/list", "tools", (r, items) -> true);

    assertEquals(Paging.End.COMPLETE, paging.end());
    assertEquals(2, paging.pages());
  }

  @Test
  void aPageCapOfOneReadsOnePage() throws InterruptedException {
    ScriptedTransport transport = pages(Map.of("", "{\"tools\":[{}],\"nextCursor\":\"a\"}"));

    Paging paging = pager(transport, 1, false).page("tools/list", "tools", (r, items) -> true);

    assertEquals(Paging.End.PAGE_CAP, paging.end());
    assertEquals(1, transport.requests().size());
  }

  @Test
  void aPageCapBelowOneIsRefused() {
    ScriptedTransport transport = pages(Map.of());
    assertThrows(IllegalArgumentException.class, () -> pager(transport, 0, false));
  }

  @Test
  void theHandlerSeesEveryPageAndCanStop() throws InterruptedException {
    ScriptedTransport transport =
        pages(
            Map.of(
                "", "{\"tools\":[{}],\"nextCursor\":\"a\",\"ttlMs\":5}",
                "a", "{\"tools\":[{},{}],\"nextCursor\":\"b\"}",
                "b", "{\"tools\":[]}"));
    List<Integer> sizes = new ArrayList<>();

    Paging paging =
        pager(transport, 100, false)
            .page(
                "tools/list",
                "tools",
                (result, items) -> {
                  sizes.add(items.size());
                  return sizes.size() < 2;
                });

    assertEquals(Paging.End.STOPPED, paging.end());
    assertEquals(List.of(1, 2), sizes);
    assertEquals(2, paging.pages());
    assertEquals(2, transport.requests().size());
  }

  @Test
  void aPageWithoutTheArrayIsUnusable() throws InterruptedException {
    ScriptedTransport transport =
        pages(Map.of("", "{\"tools\":[{}],\"nextCursor\":\"a\"}", "a", "{\"tools\":{}}"));

    Paging paging = pager(transport, 100, false).page("tools/list", "tools", (r, items) -> true);

    assertEquals(Paging.End.UNUSABLE, paging.end());
    assertEquals("tools/list result has no 'tools' array", paging.detail());
    assertEquals(1, paging.pages());
  }

  @Test
  void aResultTypeOtherThanCompleteIsUnusableOnlyInTheStatelessProtocol()
      throws InterruptedException {
    String page = "{\"resources\":[{}],\"resultType\":\"input_required\"}";

    Paging modern =
        pager(pages(Map.of("", page)), 100, true)
            .page("resources/list", "resources", (r, items) -> true);
    Paging legacy =
        pager(pages(Map.of("", page)), 100, false)
            .page("resources/list", "resources", (r, items) -> true);

    assertEquals(Paging.End.UNUSABLE, modern.end());
    assertEquals(
        "resources/list answered resultType 'input_required', not 'complete'", modern.detail());
    assertEquals(Paging.End.COMPLETE, legacy.end());
  }

  @Test
  void anErrorAnswerEndsThePagingWithTheReply() throws InterruptedException {
    ScriptedTransport transport =
        new ScriptedTransport(
            request ->
                List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":"
                        + request.get("id")
                        + ",\"error\":{\"code\":-32601,\"message\":\"no\"}}"));

    Paging paging = pager(transport, 100, false).page("prompts/list", "prompts", (r, i) -> true);

    assertEquals(Paging.End.NO_ANSWER, paging.end());
    assertEquals(0, paging.pages());
    assertNotNull(paging.reply().error());
    assertNull(paging.reply().result());
  }

  @Test
  void noAnswerInTimeEndsThePagingAsATimeout() throws InterruptedException {
    ScriptedTransport transport = new ScriptedTransport(request -> List.of());

    Paging paging = pager(transport, 100, false).page("tools/list", "tools", (r, i) -> true);

    assertEquals(Paging.End.NO_ANSWER, paging.end());
    assertEquals(true, paging.reply().timedOut());
  }

  private static CursorPager pager(ScriptedTransport transport, int maxPages, boolean modern) {
    JsonRpcChannel channel =
        new JsonRpcChannel(transport, LIMITS, System.nanoTime() + Duration.ofMinutes(1).toNanos());
    return new CursorPager(channel, maxPages, Duration.ofSeconds(1).toNanos(), modern);
  }

  /** A server answering each request with the page for its cursor ("" for none). */
  private static ScriptedTransport pages(Map<String, String> byCursor) {
    return new ScriptedTransport(
        request -> {
          ObjectNode params = (ObjectNode) request.get("params");
          String cursor = params.has("cursor") ? params.get("cursor").asText() : "";
          String page = byCursor.get(cursor);
          return page == null
              ? List.of()
              : List.of(
                  "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + page + "}");
        });
  }
}
