package dev.mcprisk.crawler.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's stderr so the process never blocks on a full pipe, keeping only the last
 * {@code capacity} bytes for a failure reason. Stderr is not an error in MCP (servers log there).
 *
 * <p>Thread-safe: one thread runs {@link #drain}, any thread reads {@link #text()}.
 */
final class StderrTail {
  private final byte[] ring;
  private long written;

  StderrTail(int capacityBytes) {
    this.ring = new byte[capacityBytes];
  }

  /** Reads {@code in} to its end; returns quietly when the stream fails or is closed. */
  void drain(InputStream in) {
    byte[] buffer = new byte[4096];
    try (in) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        append(buffer, n);
      }
    } catch (IOException e) {
      // The process is gone or the stream was closed at shut-down: the tail so far is all there is.
    }
  }

  private synchronized void append(byte[] buffer, int n) {
    for (int i = 0; i < n; i++) {
      ring[(int) (written++ % ring.length)] = buffer[i];
    }
  }

  /** The last bytes written, decoded as UTF-8, stripped; prefixed by "..." when cut. */
  synchronized String text() {
    int size = (int) Math.min(written, ring.length);
    byte[] out = new byte[size];
    long start = written - size;
    for (int i = 0; i < size; i++) {
      out[i] = ring[(int) ((start + i) % ring.length)];
    }
    String text = new String(out, StandardCharsets.UTF_8).strip();
    return written > ring.length ? "..." + text : text;
  }
}
