package dev.mcprisk.export;

import java.util.Objects;

/**
 * What one {@link Exporter#writeAll} or {@link Exporter#export} wrote.
 *
 * @param servers servers in the catalogue document, or servers with a policy file for the
 *     per-server formats
 * @param interceptFiles files under {@code intercept/} (one per server with tools)
 * @param policyLayerFiles files under {@code policylayer/} (one per server with tools)
 * @param bytes bytes written in all files
 * @param tools tools written (after the {@code --min-risk} and {@code --server} filters)
 * @param rules rules of the Intercept files by kind; {@link RuleCounts#ZERO} when none were written
 */
public record ExportStats(
    int servers,
    int interceptFiles,
    int policyLayerFiles,
    long bytes,
    long tools,
    RuleCounts rules) {
  public ExportStats {
    Objects.requireNonNull(rules, "rules == null");
    if (servers < 0 || interceptFiles < 0 || policyLayerFiles < 0 || bytes < 0 || tools < 0) {
      throw new IllegalArgumentException("negative export count");
    }
  }
}
