package dev.mcprisk.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A {@link PrintStream} view of one of picocli's {@link PrintWriter}s ({@code
 * CommandLine.getErr()}), for the pipeline, the scheduler and the crawl progress, which print their
 * progress lines to a {@code PrintStream}.
 *
 * <p>Text reaches the writer unchanged: the stream encodes it as UTF-8 and the view decodes it
 * again (a character split over two writes is held back until it is whole), so the writer's own
 * charset decides the bytes, as for everything else the command prints. Every write is flushed
 * through to the writer at once, so a progress line or bar appears while a long run goes, in order
 * with the log lines that logback writes to standard error. Closing the stream flushes it and
 * leaves the writer open.
 *
 * <p>Thread-safe: the pipeline, crawl and scheduler threads may share the stream.
 */
final class PrintWriterStream extends OutputStream {
  private final PrintWriter writer;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CharBuffer chars = CharBuffer.allocate(1024);

  /** The bytes of a character not yet whole: at most 3 for UTF-8. */
  private final ByteBuffer pending = ByteBuffer.allocate(8);

  private PrintWriterStream(PrintWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer == null");
  }

  /**
   * A print stream (UTF-8, flushed on every write) that writes into {@code writer}.
   *
   * @throws NullPointerException when {@code writer} is null
   */
  static PrintStream over(PrintWriter writer) {
    return new PrintStream(new PrintWriterStream(writer), true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    ByteBuffer in;
    if (pending.position() == 0) {
      in = ByteBuffer.wrap(b, off, len);
    } else {
      pending.flip();
      in = ByteBuffer.allocate(pending.remaining() + len);
      in.put(pending).put(b, off, len).flip();
      pending.clear();
    }
    CoderResult result;
    do {
      result = decoder.decode(in, chars, false);
      chars.flip();
      writer.write(chars.array(), 0, chars.limit());
      chars.clear();
    } while (result.isOverflow());
    pending.put(in);
    writer.flush();
  }

  @Override
  public synchronized void flush() {
    writer.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
