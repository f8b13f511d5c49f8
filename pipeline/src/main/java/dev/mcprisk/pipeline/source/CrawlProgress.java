package dev.mcprisk.pipeline.source;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of one long crawl step: a one-line progress bar redrawn in place on a terminal, or a log
 * line every {@link #LOG_INTERVAL_MS} ms otherwise (cron, CI, files), plus a last line when the
 * step ends.
 *
 * <p>Thread-safe: {@link #advance} may be called from many crawl threads.
 */
public final class CrawlProgress {
  /** Minimum time between two redraws of the bar on a terminal, in milliseconds. */
  public static final long BAR_INTERVAL_MS = 200;

  /** Time between two progress log lines when not on a terminal, in milliseconds. */
  public static final long LOG_INTERVAL_MS = 10_000;

  /** Width of the bar, in characters. */
  public static final int BAR_WIDTH = 30;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final AtomicLong done = new AtomicLong();
  private long lastDrawNanos;

  /**
   * @param label what is counted, e.g. {@code "registry entries"}
   * @param total how many are expected, or 0 when unknown
   * @param out where to draw (standard error of the CLI); null draws nothing
   * @param terminal true to draw a bar in place, false for periodic log lines
   * @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public CrawlProgress(
      String label, long total, PrintStream out, boolean terminal, LongSupplier nanoClock) {
    this.label = Objects.requireNonNull(label, "label == null");
    if (total < 0) {
      throw new IllegalArgumentException("total < 0: " + total);
    }
    this.total = total;
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock == null");
    this.startNanos = nanoClock.getAsLong();
    this.lastDrawNanos = startNanos;
  }

  /** Progress that draws nothing. */
  public static CrawlProgress silent(String label) {
    return new CrawlProgress(label, 0, null, false, System::nanoTime);
  }

  /** Counts {@code n} more items done and redraws when it is time to. */
  public void advance(long n) {
    long now = done.addAndGet(n);
    if (out == null) {
      return;
    }
    long nanos = nanoClock.getAsLong();
    long interval = (terminal ? BAR_INTERVAL_MS : LOG_INTERVAL_MS) * 1_000_000L;
    synchronized (this) {
      if (nanos - lastDrawNanos < interval) {
        return;
      }
      lastDrawNanos = nanos;
      draw(now, nanos, false);
    }
  }

  /** Items counted so far. */
  public long done() {
    return done.get();
  }

  /** Draws the final line (a newline after the bar on a terminal). */
  public synchronized void finish() {
    if (out == null) {
      return;
    }
    draw(done.get(), nanoClock.getAsLong(), true);
  }

  private void draw(long count, long nanos, boolean last) {
    String line = line(count, nanos);
    if (terminal) {
      out.print("\r" + line + (last ? System.lineSeparator() : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** The text of one progress line, without bar control characters. */
  String line(long count, long nanos) {
    double seconds = Math.max(1e-9, (nanos - startNanos) / 1e9);
    double rate = count / seconds;
    StringBuilder s = new StringBuilder();
    if (total > 0) {
      double share = Math.min(1.0, count / (double) total);
      if (terminal) {
        int filled = (int) Math.round(share * BAR_WIDTH);
        s.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled));
        s.append("] ");
      }
      s.append(String.format(Locale.ROOT, "%s %d/%d (%.0f%%)", label, count, total, share * 100));
      if (count < total && rate > 0) {
        long eta = Math.round((total - count) / rate);
        s.append(String.format(Locale.ROOT, ", ETA %dm%02ds", eta / 60, eta % 60));
      }
    } else {
      s.append(label).append(' ').append(count);
    }
    s.append(String.format(Locale.ROOT, ", %.1f/s, %.0f s", rate, seconds));
    return s.toString();
  }
}
