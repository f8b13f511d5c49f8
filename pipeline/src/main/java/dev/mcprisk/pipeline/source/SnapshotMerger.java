package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.snapshot.Snapshot;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges several recorded answers of one server into one crawl result.
 *
 * <p>A server may be captured more than once: over stdio and Streamable HTTP, or with different
 * start options ({@code @playwright/mcp} lists 25 tools by default and 45 with {@code --caps}). A
 * tool is identified by (server id, tool name) (docs/design.md), so the server's tools are the
 * union by name. Where two captures disagree on a definition, the first capture wins, in this
 * order: stdio before HTTP, then by file name; disagreements are counted.
 *
 * <p>Not thread-safe.
 */
final class SnapshotMerger {
  private final Map<String, String> registryIdByNpmPackage;
  private final Map<String, List<Snapshot>> byServer = new TreeMap<>();
  private List<CrawlOutcome> merged;
  private int differing;

  /**
   * @param registryIdByNpmPackage registry server ids by the npm package their entry names, so a
   *     capture of {@code mongodb-mcp-server} lands on {@code
   *     io.github.mongodb-js/mongodb-mcp-server}
   */
  SnapshotMerger(Map<String, String> registryIdByNpmPackage) {
    this.registryIdByNpmPackage = registryIdByNpmPackage;
  }

  /** The catalogue server id of a capture: its registry entry's, else {@code npm:<package>}. */
  String serverId(Snapshot snapshot) {
    String pkg = snapshot.packageName();
    if (pkg == null) {
      return snapshot.outcome().serverId();
    }
    return serverIdOfPackage(pkg);
  }

  /** The catalogue server id of a capture of npm package {@code pkg}. */
  String serverIdOfPackage(String pkg) {
    return registryIdByNpmPackage.getOrDefault(pkg, ServerEntry.npmId(pkg));
  }

  void add(Snapshot snapshot) {
    byServer.computeIfAbsent(serverId(snapshot), id -> new ArrayList<>()).add(snapshot);
    merged = null;
  }

  /** One result per server, sorted by server id. */
  List<CrawlOutcome> outcomes() {
    if (merged == null) {
      differing = 0;
      merged = new ArrayList<>();
      byServer.forEach((id, captures) -> merged.add(merge(id, captures)));
    }
    return merged;
  }

  /** How many tool definitions differed between captures of the same server. */
  int differingDefinitions() {
    outcomes();
    return differing;
  }

  private CrawlOutcome merge(String serverId, List<Snapshot> captures) {
    List<Snapshot> ordered = new ArrayList<>(captures);
    ordered.sort(
        Comparator.comparing((Snapshot s) -> !isStdio(s)).thenComparing(Snapshot::fileName));
    Map<String, ToolDefinition> tools = new LinkedHashMap<>();
    int pages = 0;
    long bytes = 0;
    CrawlOutcome first = ordered.get(0).outcome();
    var at = first.at();
    for (Snapshot capture : ordered) {
      CrawlOutcome o = capture.outcome();
      pages += o.pages();
      bytes += o.bytesRead();
      at = o.at().isAfter(at) ? o.at() : at;
      for (ToolDefinition tool : o.tools()) {
        ToolDefinition kept = tools.putIfAbsent(tool.name(), tool);
        if (kept != null && !kept.definitionHash().equals(tool.definitionHash())) {
          differing++;
        }
      }
    }
    String reason =
        ordered.size() == 1
            ? first.reason()
            : "merged " + ordered.size() + " recorded answers: " + fileNames(ordered);
    return new CrawlOutcome(
        serverId,
        first.status(),
        reason,
        at,
        first.method(),
        first.protocolVersion(),
        first.serverInfo(),
        first.capabilities(),
        first.instructions(),
        new ArrayList<>(tools.values()),
        pages,
        0,
        bytes);
  }

  private static boolean isStdio(Snapshot s) {
    return s.transport() == null || "stdio".equals(s.transport());
  }

  private static String fileNames(List<Snapshot> captures) {
    return String.join(", ", captures.stream().map(Snapshot::fileName).toList());
  }
}
