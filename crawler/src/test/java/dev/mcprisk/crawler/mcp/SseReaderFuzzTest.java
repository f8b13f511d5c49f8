package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.fuzz.Mutations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the SSE parser: any byte stream ends in events, then EOF or TOO_LARGE,
 * never an exception, and no event is larger than the cap.
 */
class SseReaderFuzzTest {
  /** Cap per event in these properties: 2 KiB, so large inputs reach it. */
  private static final int MAX_EVENT_BYTES = 2048;

  private static final byte[] STREAM =
      (": comment\nretry: 1000\n\nevent: endpoint\ndata: /messages?session=1\n\n"
              + "id: 7\ndata: {\"jsonrpc\":\"2.0\",\n"
              + "data: \"id\":1,\"result\":{\"tools\":[]}}\n\n"
              + "data: no name\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8);

  @Property
  void mutatedStreamsEndInEofOrTooLarge(@ForAll("mutatedStream") byte[] input) throws IOException {
    drain(input);
  }

  @Property
  void syntaxSoupEndsInEofOrTooLarge(@ForAll("soup") String input) throws IOException {
    drain(input.getBytes(StandardCharsets.UTF_8));
  }

  private static void drain(byte[] input) throws IOException {
    SseReader reader = new SseReader(new ByteArrayInputStream(input), MAX_EVENT_BYTES);
    for (int events = 0; events <= input.length + 1; events++) {
      SseReader.Event event = reader.next();
      if (event.kind() != SseReader.Kind.EVENT) {
        return;
      }
      assertTrue(
          event.data().getBytes(StandardCharsets.UTF_8).length <= MAX_EVENT_BYTES,
          "event over the cap");
    }
    throw new AssertionError("more events than input bytes: the reader does not advance");
  }

  @Provide
  Arbitrary<byte[]> mutatedStream() {
    return Mutations.of(STREAM);
  }

  @Provide
  Arbitrary<String> soup() {
    return Mutations.syntaxSoup();
  }
}
