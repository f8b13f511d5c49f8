package dev.mcprisk.crawler.mcp;

import dev.mcprisk.text.UntrustedText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The last bytes of one of a process's output streams, for a failure reason: stderr, drained so the
 * process never blocks on a full pipe (stderr is not an error in MCP: servers log there), or the
 * lines on stdout that are not protocol messages (a usage message). Keeps only the last {@code
 * capacity} bytes.
 *
 * <p>{@link #text()} is sanitised for a reason: ANSI escape sequences (CSI and OSC) are dropped,
 * {@code \r\n} becomes {@code \n}, and every other unsafe character but newline and tab (controls,
 * bidi controls, zero-width and tag characters, U+2028/U+2029) becomes the visible escape of {@link
 * UntrustedText#escape}, the one rule of every text output.
 *
 * <p>Thread-safe: one thread writes ({@link #drain} or {@link #line}), any thread reads {@link
 * #text()}.
 */
final class OutputTail {
  private static final Pattern ESCAPES =
      Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?");

  private final byte[] ring;
  private long written;

  /**
   * @param capacityBytes bytes kept; positive
   */
  OutputTail(int capacityBytes) {
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

  /** Adds one line (without its line break). */
  void line(String text) {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    append(bytes, bytes.length);
  }

  private synchronized void append(byte[] buffer, int n) {
    for (int i = 0; i < n; i++) {
      ring[(int) (written++ % ring.length)] = buffer[i];
    }
  }

  /** The last bytes written, decoded as UTF-8, sanitised, stripped; prefixed by "..." when cut. */
  synchronized String text() {
    int size = (int) Math.min(written, ring.length);
    long start = written - size;
    int skip = 0;
    // A cut may fall inside a UTF-8 sequence: start at the next character.
    while (written > ring.length && skip < size && (byteAt(start + skip) & 0xC0) == 0x80) {
      skip++;
    }
    byte[] out = new byte[size - skip];
    for (int i = 0; i < out.length; i++) {
      out[i] = byteAt(start + skip + i);
    }
    String text = sanitise(new String(out, StandardCharsets.UTF_8)).strip();
    return written > ring.length ? "..." + text : text;
  }

  private byte byteAt(long index) {
    return ring[(int) (index % ring.length)];
  }

  static String sanitise(String text) {
    String plain = ESCAPES.matcher(text.replace("\r\n", "\n")).replaceAll("");
    StringBuilder out = new StringBuilder(plain.length());
    int from = 0;
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      if (c == '\n' || c == '\t') {
        out.append(UntrustedText.escape(plain.substring(from, i))).append(c);
        from = i + 1;
      }
    }
    return out.append(UntrustedText.escape(plain.substring(from))).toString();
  }
}
