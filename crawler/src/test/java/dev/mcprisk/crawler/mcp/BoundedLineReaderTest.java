package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcprisk.crawler.mcp.BoundedLineReader.Kind;
import dev.mcprisk.crawler.mcp.BoundedLineReader.Line;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  @Test
  void splitsLinesDropsCarriageReturnsAndReturnsAnUnterminatedLastLine() throws Exception {
    BoundedLineReader reader = reader("{\"a\":1}\r\n\nnoise ü\nlast", 64);

    assertEquals(new Line(Kind.LINE, "{\"a\":1}", 9), reader.next());
    assertEquals(new Line(Kind.LINE, "", 1), reader.next());
    assertEquals(new Line(Kind.LINE, "noise ü", 9), reader.next());
    assertEquals(new Line(Kind.LINE, "last", 4), reader.next());
    assertEquals(Kind.EOF, reader.next().kind());
    assertEquals(Kind.EOF, reader.next().kind());
  }

  @Test
  void aLineOfExactlyTheLimitIsAccepted() throws Exception {
    BoundedLineReader reader = reader("x".repeat(16) + "\n", 16);

    assertEquals(new Line(Kind.LINE, "x".repeat(16), 17), reader.next());
  }

  @Test
  void aLineOverTheLimitIsTooLongWithoutReadingTheRest() throws Exception {
    // An endless stream without a newline: a readLine() without a bound would never return.
    InputStream endless =
        new InputStream() {
          long served;

          @Override
          public int read() {
            served++;
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            served += len;
            return len;
          }
        };
    BoundedLineReader reader = new BoundedLineReader(endless, 1024 * 1024);

    Line line = reader.next();

    assertEquals(Kind.TOO_LONG, line.kind());
    assertEquals(1024 * 1024 + 1, line.bytes());
    assertEquals(Kind.EOF, reader.next().kind(), "the reader is finished after TOO_LONG");
  }

  @Test
  void aLineAfterShortOnesStillHitsTheLimit() throws Exception {
    BoundedLineReader reader = reader("ok\n" + "y".repeat(100) + "\n", 50);

    assertEquals("ok", reader.next().text());
    assertEquals(Kind.TOO_LONG, reader.next().kind());
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() throws Exception {
    BoundedLineReader reader =
        new BoundedLineReader(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, '\n'}), 8);

    assertEquals("a\uFFFD", reader.next().text());
  }

  private static BoundedLineReader reader(String text, int max) {
    return new BoundedLineReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
  }
}
