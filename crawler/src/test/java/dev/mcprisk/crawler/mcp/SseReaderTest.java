package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  @Test
  void readsEventsWithIdsRetryCommentsAndNoEventName() throws IOException {
    SseReader reader =
        reader(
            ": comment\nretry: 3000\nid: 1\ndata: {\"a\":1}\n\nevent: endpoint\ndata: /m?s=2\n\n");

    SseReader.Event first = reader.next();
    assertEquals(SseReader.Kind.EVENT, first.kind());
    assertEquals("message", first.name());
    assertEquals("{\"a\":1}", first.data());
    assertEquals("1", first.id());
    SseReader.Event second = reader.next();
    assertEquals("endpoint", second.name());
    assertEquals("/m?s=2", second.data());
    assertEquals(SseReader.Kind.EOF, reader.next().kind());
  }

  @Test
  void joinsMultiLineDataAndAcceptsCrLfAndFieldsWithoutASpace() throws IOException {
    SseReader reader = reader("data:{\"a\":\r\ndata: 1}\r\nunknown\r\n\r\n");

    SseReader.Event event = reader.next();
    assertEquals("{\"a\":\n1}", event.data());
    assertNull(event.id());
  }

  @Test
  void skipsEventsWithoutDataAndDropsAnUnfinishedLastEvent() throws IOException {
    SseReader reader = reader("event: ping\n\nid: 4\n\ndata: cut off");

    SseReader.Event end = reader.next();
    assertEquals(SseReader.Kind.EOF, end.kind());
    assertEquals("4", end.id());
  }

  @Test
  void anEventOverTheCapIsTooLargeEvenWhenSplitOverManyLines() throws IOException {
    SseReader reader = reader("data: 0123456789\n".repeat(10) + "\n");
    SseReader small = new SseReader(stream("data: " + "x".repeat(100) + "\n\n"), 64);

    assertEquals(
        SseReader.Kind.TOO_LARGE,
        new SseReader(stream("data: 0123456789\n".repeat(10) + "\n"), 100).next().kind());
    assertEquals(SseReader.Kind.EVENT, reader.next().kind());
    assertEquals(SseReader.Kind.TOO_LARGE, small.next().kind());
  }

  private static SseReader reader(String text) {
    return new SseReader(stream(text), 1024);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
