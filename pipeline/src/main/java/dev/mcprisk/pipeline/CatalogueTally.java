package dev.mcprisk.pipeline;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.DigestPage;
import dev.mcprisk.store.ServerDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the classify stage's pass over the store ({@link CatalogueStore#assessmentPage}, whose pages
 * carry the servers' digests) finds for the index and export stages and the run summary: each
 * server's index and export digest ({@link ServerDigest}), the export fingerprint, and the counts
 * by source, origin, category and risk level. No definition is read and no JSON parsed, so the pass
 * costs a few seconds at 43,000 servers where assembling the catalogue cost over a minute. Holds
 * per server its id and two digests (about 300 bytes), nothing per tool.
 *
 * <p>Not thread-safe.
 */
final class CatalogueTally {
  private final Map<String, String> indexDigests = new TreeMap<>();
  private final Map<String, String> exportDigests = new TreeMap<>();
  private final Map<String, Integer> bySource = new TreeMap<>();
  private final Map<String, Integer> byOrigin = new TreeMap<>();
  private final Map<Category, Integer> categories = new EnumMap<>(Category.class);
  private final Map<RiskLevel, Integer> risks = new EnumMap<>(RiskLevel.class);
  private final MessageDigest exportDigest = sha256();
  private String exportFingerprint;
  private int servers;
  private int withTools;
  private int tools;
  private int unassessed;

  private CatalogueTally() {
    for (Category c : Category.values()) {
      categories.put(c, 0);
    }
    for (RiskLevel r : RiskLevel.values()) {
      risks.put(r, 0);
    }
  }

  /** An empty tally, to be filled page by page in id order ({@link #add}), then {@link #finish}. */
  static CatalogueTally empty() {
    return new CatalogueTally();
  }

  /**
   * Adds one page of digests, the page after the last one added. The page's unassessed tools are
   * counted by category and risk level through {@link #addAssessed} once assessed.
   */
  void add(DigestPage page) {
    for (ServerDigest server : page.servers()) {
      indexDigests.put(server.id(), server.indexDigest());
      exportDigests.put(server.id(), server.exportDigest());
      exportDigest.update(
          (server.id() + '\t' + server.exportDigest() + '\n').getBytes(StandardCharsets.UTF_8));
      servers++;
      bySource.merge(server.source(), 1, Integer::sum);
      if (server.tools() > 0) {
        withTools++;
      }
      tools += server.tools();
    }
    page.toolsByOrigin().forEach((k, v) -> byOrigin.merge(k, v, Integer::sum));
    page.categories().forEach((k, v) -> categories.merge(k, v, Integer::sum));
    page.riskLevels().forEach((k, v) -> risks.merge(k, v, Integer::sum));
    unassessed += page.unassessedTools();
  }

  /** Counts one tool of an added page that had no cached assessment and now has this one. */
  void addAssessed(Category category, RiskLevel riskLevel) {
    categories.merge(category, 1, Integer::sum);
    risks.merge(riskLevel, 1, Integer::sum);
    unassessed--;
  }

  /** Ends the tally: computes the export fingerprint; nothing may be added after. */
  CatalogueTally finish() {
    exportFingerprint = HexFormat.of().formatHex(exportDigest.digest());
    return this;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Each server's {@link ServerDigest#indexDigest} by id, sorted by id. */
  Map<String, String> indexDigests() {
    return Collections.unmodifiableMap(indexDigests);
  }

  /** Each server's {@link ServerDigest#exportDigest} by id, sorted by id. */
  Map<String, String> exportDigests() {
    return Collections.unmodifiableMap(exportDigests);
  }

  /**
   * The export fingerprint: SHA-256 (lower-case hex) over one line {@code id TAB exportDigest} per
   * server in id order.
   */
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

  /** Tools without a cached assessment (0 after the classify stage). */
  int unassessedTools() {
    return unassessed;
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
