package dev.mcprisk.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Text renderings of bench reports: one run as an aligned table for the terminal, several runs as a
 * Markdown growth table for BENCHMARKS.md.
 *
 * <p>Thread-safe: stateless.
 */
public final class BenchTable {

  private static final double MIB = 1024.0 * 1024.0;

  private BenchTable() {}

  /**
   * One run as lines of {@code stage seconds figure}, e.g. {@code crawl 12.345 s 3483.1 servers/s},
   * ending with the incremental run, the total and the peak heap.
   */
  public static String text(BenchReport report) {
    BenchStages s = report.stages();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"stage", "seconds", "figure"});
    rows.add(
        row("crawl", s.crawl().seconds(), fmt("%.1f servers/s", s.crawl().serversPerSecond())));
    rows.add(row("store", s.store().seconds(), ""));
    rows.add(
        row(
            "classify",
            s.classify().seconds(),
            fmt("%.1f tools/s", s.classify().toolsPerSecond())));
    rows.add(row("index", s.index().seconds(), fmt("%.1f MiB", s.index().bytes() / MIB)));
    rows.add(
        new String[] {
          "search",
          "",
          fmt(
              "%d queries, p50 %.2f ms, p99 %.2f ms",
              s.search().queries(), s.search().p50Ms(), s.search().p99Ms())
        });
    rows.add(row("export", s.export().seconds(), fmt("%.1f MiB", s.export().bytes() / MIB)));
    rows.add(row("total", report.totalSeconds(), ""));
    rows.add(
        row(
            "incremental",
            report.incremental().seconds(),
            fmt("%d servers changed", report.incremental().changedServers())));
    StringBuilder out = new StringBuilder();
    out.append(
        fmt(
            "%d servers, %d tools, peak heap %.1f MiB%n",
            report.servers(), report.tools(), report.peakHeapBytes() / MIB));
    int[] widths = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < 3; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      out.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  ", row[0]));
      out.append(String.format(Locale.ROOT, "%" + widths[1] + "s  ", row[1]));
      out.append(row[2].stripTrailing().isEmpty() ? "" : row[2]);
      out.append('\n');
    }
    return out.toString().replaceAll(" +\n", "\n");
  }

  /**
   * Several runs as a Markdown table, one row per run in order of servers: servers, tools, seconds
   * of each stage, classify tools/s, search p99, incremental seconds, total seconds, peak heap MiB.
   */
  public static String markdown(List<BenchReport> runs) {
    List<BenchReport> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingInt(BenchReport::servers));
    StringBuilder out = new StringBuilder();
    out.append(
        "| servers | tools | crawl s | store s | classify s | tools/s | index s | search p99 ms"
            + " | export s | incremental s | total s | peak heap MiB |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BenchReport r : sorted) {
      BenchStages s = r.stages();
      out.append(
          fmt(
              "| %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %.2f | %.1f | %.1f | %.1f | %.0f |%n",
              r.servers(),
              r.tools(),
              s.crawl().seconds(),
              s.store().seconds(),
              s.classify().seconds(),
              s.classify().toolsPerSecond(),
              s.index().seconds(),
              s.search().p99Ms(),
              s.export().seconds(),
              r.incremental().seconds(),
              r.totalSeconds(),
              r.peakHeapBytes() / MIB));
    }
    return out.toString();
  }

  private static String[] row(String stage, double seconds, String figure) {
    return new String[] {stage, fmt("%.3f", seconds), figure};
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
