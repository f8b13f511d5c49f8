package dev.mcprisk.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of a {@code catalogue.ndjson}, one at a time, as bytes without the newline. Not
 * thread-safe.
 */
final class NdjsonLines {
  /** Most bytes of one line of an old {@code catalogue.ndjson}: 256 MiB. */
  static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

  private final InputStream in;
  private final Path file;
  private final byte[] chunk = new byte[AtomicFiles.BUFFER_BYTES];
  private int chunkPos;
  private int chunkEnd;
  private byte[] line = new byte[64 * 1024];
  private int length;

  NdjsonLines(InputStream in, Path file) {
    this.in = in;
    this.file = file;
  }

  /** Reads the next line and returns its server id ({@link #id}); null at the end. */
  String nextId() throws IOException {
    return next() ? id() : null;
  }

  /** Reads the next line; false at the end of the file. */
  boolean next() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkEnd) {
        chunkEnd = in.read(chunk);
        chunkPos = 0;
        if (chunkEnd <= 0) {
          chunkEnd = 0;
          return any;
        }
      }
      any = true;
      int start = chunkPos;
      while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
        chunkPos++;
      }
      append(start, chunkPos - start);
      if (chunkPos < chunkEnd) {
        chunkPos++; // the newline
        return true;
      }
    }
  }

  private void append(int from, int n) throws IOException {
    if (length + n > line.length) {
      if (length + n > MAX_LINE_BYTES) {
        throw new IOException("a catalogue.ndjson line is over " + MAX_LINE_BYTES + " bytes");
      }
      line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
    }
    System.arraycopy(chunk, from, line, length, n);
    length += n;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** The server id of this line: its first field, {@code "id"}. */
  String id() throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(line, 0, length)) {
      if (p.nextToken() == JsonToken.START_OBJECT
          && p.nextToken() == JsonToken.FIELD_NAME
          && "id".equals(p.currentName())
          && p.nextToken() == JsonToken.VALUE_STRING) {
        return p.getText();
      }
    }
    throw new IOException(file + ": a server line does not start with its \"id\"");
  }

  /** The number of tools of this line's server. */
  int tools() throws IOException {
    JsonNode tools = Json.MAPPER.readTree(line, 0, length).get("tools");
    return tools == null ? 0 : tools.size();
  }
}
