package dev.mcprisk.crawler.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads {@code \n}-terminated UTF-8 lines (stdio framing: one JSON-RPC message per line,
 * https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio) while never
 * holding more than {@code maxLineBytes} of one line. {@link java.io.BufferedReader#readLine()} has
 * no such bound: a server that writes gigabytes without a newline would exhaust the heap.
 *
 * <p>A trailing {@code \r} is dropped; bytes that are not UTF-8 become U+FFFD. Not thread-safe: one
 * reader thread per stream.
 */
public final class BoundedLineReader {

  /** What {@link #next()} found. */
  public enum Kind {
    /** A whole line; {@link Line#text()} holds it without the terminator. */
    LINE,
    /** The stream ended (a last unterminated line is returned as {@link #LINE} first). */
    EOF,
    /** A line reached {@code maxLineBytes} without a newline; the reader must not be used again. */
    TOO_LONG
  }

  /**
   * One result of {@link #next()}.
   *
   * @param kind what was found
   * @param text the line for {@link Kind#LINE}, else empty
   * @param bytes bytes consumed from the stream for this result, terminator included
   */
  public record Line(Kind kind, String text, int bytes) {
    public Line {
      Objects.requireNonNull(kind, "kind == null");
      text = text == null ? "" : text;
    }
  }

  private static final int CHUNK_BYTES = 8192;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunkPos;
  private int chunkEnd;
  private byte[] line = new byte[256];
  private boolean done;

  /**
   * @param in stream to read; the caller closes it
   * @param maxLineBytes longest line accepted, in bytes, terminator not counted; positive
   */
  public BoundedLineReader(InputStream in, int maxLineBytes) {
    this.in = Objects.requireNonNull(in, "in == null");
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes <= 0: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads the next line, blocking until a newline, the end of the stream or the bound.
   *
   * @throws IOException when reading fails
   */
  public Line next() throws IOException {
    if (done) {
      return new Line(Kind.EOF, "", 0);
    }
    int length = 0;
    while (true) {
      if (chunkPos == chunkEnd) {
        int n = in.read(chunk, 0, CHUNK_BYTES);
        if (n < 0) {
          done = true;
          return length == 0 ? new Line(Kind.EOF, "", 0) : line(length, length);
        }
        chunkPos = 0;
        chunkEnd = n;
      }
      while (chunkPos < chunkEnd) {
        byte b = chunk[chunkPos++];
        if (b == '\n') {
          return line(length, length + 1);
        }
        if (length == maxLineBytes) {
          done = true;
          return new Line(Kind.TOO_LONG, "", length + 1);
        }
        if (length == line.length) {
          line = Arrays.copyOf(line, (int) Math.min((long) maxLineBytes, 2L * line.length));
        }
        line[length++] = b;
      }
    }
  }

  private Line line(int length, int consumed) {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    return new Line(Kind.LINE, new String(line, 0, end, StandardCharsets.UTF_8), consumed);
  }
}
