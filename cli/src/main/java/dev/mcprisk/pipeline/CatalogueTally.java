package dev.mcprisk.pipeline;

import dev.mcprisk.export.ToolHistoryLookup;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one pass over the assessed catalogue finds for the index and export stages and the run
 * summary: each server's fingerprint, the export fingerprint, and the counts by source, origin,
 * category and risk level. Holds per server its id and fingerprint (about 200 bytes), nothing per
 * tool.
 *
 * <p>Not thread-safe.
 */
final class CatalogueTally {
  private final Map<String, String> fingerprints = new TreeMap<>();
  private final Map<String, Integer> bySource = new TreeMap<>();
  private final Map<String, Integer> byOrigin = new TreeMap<>();
  private final Map<Category, Integer> categories = new EnumMap<>(Category.class);
  private final Map<RiskLevel, Integer> risks = new EnumMap<>(RiskLevel.class);
  private String exportFingerprint;
  private int servers;
  private int withTools;
  private int tools;

  private CatalogueTally() {
    for (Category c : Category.values()) {
      categories.put(c, 0);
    }
    for (RiskLevel r : RiskLevel.values()) {
      risks.put(r, 0);
    }
  }

  /**
   * Reads {@code catalogue} once.
   *
   * @param catalogue servers in id order
   * @param history the tool dates the export will write, asked for each server just yielded
   */
  static CatalogueTally of(Iterable<CatalogueServer> catalogue, ToolHistoryLookup history) {
    CatalogueTally tally = new CatalogueTally();
    CatalogueFingerprints.ExportDigest digest = new CatalogueFingerprints.ExportDigest();
    for (CatalogueServer server : catalogue) {
      String fingerprint = CatalogueFingerprints.server(server);
      tally.fingerprints.put(server.server().id(), fingerprint);
      digest.add(server, fingerprint, history);
      tally.servers++;
      tally.bySource.merge(server.server().source(), 1, Integer::sum);
      if (!server.tools().isEmpty()) {
        tally.withTools++;
      }
      for (AssessedTool tool : server.tools()) {
        tally.tools++;
        tally.byOrigin.merge(tool.origin(), 1, Integer::sum);
        tally.categories.merge(tool.assessment().category(), 1, Integer::sum);
        tally.risks.merge(tool.assessment().riskLevel(), 1, Integer::sum);
      }
    }
    tally.exportFingerprint = digest.hex();
    return tally;
  }

  /** Each server's {@link CatalogueFingerprints#server} by id, sorted by id. */
  Map<String, String> fingerprints() {
    return Collections.unmodifiableMap(fingerprints);
  }

  /** The export fingerprint ({@link CatalogueFingerprints.ExportDigest}). */
  String exportFingerprint() {
    return exportFingerprint;
  }

  int servers() {
    return servers;
  }

  int serversWithTools() {
    return withTools;
  }

  int tools() {
    return tools;
  }

  Map<String, Integer> serversBySource() {
    return Collections.unmodifiableMap(bySource);
  }

  Map<String, Integer> toolsByOrigin() {
    return Collections.unmodifiableMap(byOrigin);
  }

  /** Tools per category, every category present. */
  Map<Category, Integer> categories() {
    return Collections.unmodifiableMap(categories);
  }

  /** Tools per risk level, every level present. */
  Map<RiskLevel, Integer> riskLevels() {
    return Collections.unmodifiableMap(risks);
  }
}
