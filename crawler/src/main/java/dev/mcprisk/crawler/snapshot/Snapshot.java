package dev.mcprisk.crawler.snapshot;

import dev.mcprisk.model.CrawlOutcome;
import java.util.Objects;

/**
 * One recorded {@code initialize} + {@code tools/list} answer file, as read.
 *
 * @param fileName the file's name (no folder); never null
 * @param packageName the npm package recorded; null when the file is too broken to say
 * @param packageVersion the package version recorded; may be null
 * @param transport {@code stdio} (when the file does not say), {@code streamable-http} or {@code
 *     sse}; never null
 * @param outcome the recorded crawl: {@code OK} with the tools, or {@code SNAPSHOT_INVALID} with a
 *     reason; never null
 */
public record Snapshot(
    String fileName,
    String packageName,
    String packageVersion,
    String transport,
    CrawlOutcome outcome) {
  public Snapshot {
    Objects.requireNonNull(fileName, "fileName == null");
    Objects.requireNonNull(transport, "transport == null");
    Objects.requireNonNull(outcome, "outcome == null");
  }
}
