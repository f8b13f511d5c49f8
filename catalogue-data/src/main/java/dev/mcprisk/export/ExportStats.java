package dev.mcprisk.export;

/**
 * What one {@link Exporter#writeAll} wrote.
 *
 * @param servers servers in {@code catalogue.json}
 * @param interceptFiles files under {@code intercept/} (one per server with tools)
 * @param policyLayerFiles files under {@code policylayer/} (one per server with tools)
 * @param bytes bytes written in all files
 */
public record ExportStats(int servers, int interceptFiles, int policyLayerFiles, long bytes) {
  public ExportStats {
    if (servers < 0 || interceptFiles < 0 || policyLayerFiles < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative export count");
    }
  }
}
