package dev.mcprisk.cli;

import dev.mcprisk.pipeline.Failure;
import dev.mcprisk.pipeline.RunSummary;
import dev.mcprisk.pipeline.StageTiming;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link RunSummary} as the text {@code mcprisk run} prints. */
final class SummaryPrinter {
  /** Failures listed one per line before the rest are only counted. */
  static final int MAX_FAILURES_SHOWN = 20;

  private SummaryPrinter() {}

  /**
   * Prints the summary on {@code out}, followed by a blank line, and flushes it.
   *
   * @param out the command's standard output ({@code CommandLine.getOut()})
   */
  static void print(RunSummary s, PrintWriter out) {
    out.println(render(s));
    out.flush();
  }

  /** The summary's text: lines ending in a newline, stage times in ms, sizes in bytes. */
  static String render(RunSummary s) {
    StringBuilder out = new StringBuilder();
    out.append("mcprisk run ")
        .append(s.runId())
        .append(": ")
        .append(s.status())
        .append(" in ")
        .append(s.totalMillis())
        .append(" ms (home ")
        .append(s.home())
        .append(")\n\n");
    out.append("Stages\n");
    for (StageTiming t : s.stages()) {
      out.append(String.format("  %-9s %7d ms  %s%n", t.stage(), t.millis(), t.result()));
    }
    out.append("\nServers   ")
        .append(s.servers())
        .append(" (")
        .append(s.serversWithTools())
        .append(" with tools)   by source: ")
        .append(join(s.serversBySource()))
        .append('\n');
    out.append("Tools     ")
        .append(s.tools())
        .append("   by origin: ")
        .append(join(s.toolsByOrigin()))
        .append("   classified now: ")
        .append(s.assessedNew())
        .append(", from cache: ")
        .append(s.assessedCached())
        .append('\n');
    out.append("Changes   ")
        .append(s.changes())
        .append(" change events, ")
        .append(s.suspectedRugPulls())
        .append(" suspected rug pulls (mcprisk changes)\n");
    out.append("Category  ").append(join(s.categories())).append('\n');
    out.append("Risk      ").append(join(s.riskLevels())).append('\n');
    out.append("\nFailures (").append(s.failures().size()).append(")\n");
    int shown = 0;
    for (Failure f : s.failures()) {
      if (shown++ == MAX_FAILURES_SHOWN) {
        out.append("  ... and ")
            .append(s.failures().size() - MAX_FAILURES_SHOWN)
            .append(" more (all are in the run's record: --json)\n");
        break;
      }
      out.append("  ")
          .append(f.stage())
          .append("  ")
          .append(Terminal.safe(f.subject()))
          .append("  ")
          .append(f.status())
          .append(": ")
          .append(Terminal.safe(f.reason()))
          .append('\n');
    }
    if (!s.notes().isEmpty()) {
      out.append("\nNotes\n");
      s.notes().forEach(n -> out.append("  ").append(Terminal.safe(n)).append('\n'));
    }
    out.append("\nCatalogue ")
        .append(s.catalogueFile())
        .append(" (")
        .append(s.catalogueBytes())
        .append(" bytes), ")
        .append(s.interceptFiles())
        .append(" Intercept and ")
        .append(s.policyLayerFiles())
        .append(" PolicyLayer policy files\n");
    return out.toString();
  }

  private static String join(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(" · "));
  }
}
