package dev.mcprisk.crawler.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A streaming parser of server-sent events (WHATWG HTML, "Server-sent events", section "Parsing an
 * event stream"), bounded per event: reads one event at a time and never holds more than {@code
 * maxEventBytes} of it. Accepts {@code data:} over several lines (joined with {@code \n}), {@code
 * id:}, {@code retry:}, comment lines ({@code :...}), fields without a colon, and events without an
 * {@code event:} name (then named {@code message}). Lines end with {@code \n} or {@code \r\n}; a
 * lone {@code \r} is not a line end here.
 *
 * <p>Not thread-safe: one reader thread per stream.
 */
final class SseReader {

  /** What {@link #next()} found. */
  enum Kind {
    /** A complete event. */
    EVENT,
    /** The stream ended; an unfinished event is dropped, as the standard says. */
    EOF,
    /** An event reached {@code maxEventBytes}; the reader must not be used again. */
    TOO_LARGE
  }

  /**
   * One result of {@link #next()}.
   *
   * @param kind what was found
   * @param name the event name, {@code message} when none was given
   * @param data the data lines joined with {@code \n}
   * @param id the last event id seen on this stream, or null
   */
  record Event(Kind kind, String name, String data, String id) {}

  private final BoundedLineReader lines;
  private final int maxEventBytes;
  private String lastId;

  /**
   * @param in the response body; the caller closes it
   * @param maxEventBytes largest event accepted, all its lines together, in bytes; positive
   */
  SseReader(InputStream in, int maxEventBytes) {
    Objects.requireNonNull(in, "in == null");
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes <= 0: " + maxEventBytes);
    }
    this.lines = new BoundedLineReader(in, maxEventBytes);
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Reads up to the end of the next event that has data (events without data are skipped, as the
   * standard says).
   *
   * @throws IOException when reading fails (also when the call times out or is cancelled)
   */
  Event next() throws IOException {
    StringBuilder data = null;
    String name = null;
    long eventBytes = 0;
    while (true) {
      BoundedLineReader.Line line = lines.next();
      if (line.kind() == BoundedLineReader.Kind.TOO_LONG) {
        return new Event(Kind.TOO_LARGE, "", "", lastId);
      }
      if (line.kind() == BoundedLineReader.Kind.EOF) {
        return new Event(Kind.EOF, "", "", lastId);
      }
      eventBytes += line.bytes();
      if (eventBytes > maxEventBytes) {
        return new Event(Kind.TOO_LARGE, "", "", lastId);
      }
      String text = line.text();
      if (text.isEmpty()) {
        if (data != null) {
          return new Event(Kind.EVENT, name == null ? "message" : name, data.toString(), lastId);
        }
        name = null;
        eventBytes = 0;
        continue;
      }
      if (text.charAt(0) == ':') {
        continue;
      }
      int colon = text.indexOf(':');
      String field = colon < 0 ? text : text.substring(0, colon);
      String value = colon < 0 ? "" : text.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        case "event" -> name = value.isEmpty() ? null : value;
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            lastId = value;
          }
        }
        default -> {
          // "retry" and unknown fields: a crawler does not reconnect, so nothing to keep.
        }
      }
    }
  }
}
