package dev.mcprisk.pipeline;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.DigestPage;
import dev.mcprisk.store.ServerDigest;
import dev.mcprisk.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one pass over the store's server digests ({@link CatalogueStore#digestPage}) finds for the
 * index and export stages and the run summary: each server's index and export digest ({@link
 * ServerDigest}), the export fingerprint, and the counts by source, origin, category and risk
 * level. No definition is read and no JSON parsed, so the pass costs a few seconds at 43,000
 * servers where assembling the catalogue cost over a minute. Holds per server its id and two
 * digests (about 300 bytes), nothing per tool.
 *
 * <p>Not thread-safe.
 */
final class CatalogueTally {
  /** Servers read per digest page: 2,000 (about 24,000 tool rows, a few MB). */
  static final int PAGE_SERVERS = 2_000;

  private final Map<String, String> indexDigests = new TreeMap<>();
  private final Map<String, String> exportDigests = new TreeMap<>();
  private final Map<String, Integer> bySource = new TreeMap<>();
  private final Map<String, Integer> byOrigin = new TreeMap<>();
  private final Map<Category, Integer> categories = new EnumMap<>(Category.class);
  private final Map<RiskLevel, Integer> risks = new EnumMap<>(RiskLevel.class);
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

  /**
   * Reads every digest page of {@code store} once, in id order.
   *
   * @param classifierVersion the classifier version whose cached assessments are counted
   * @throws StoreException when the store cannot be read
   */
  static CatalogueTally of(CatalogueStore store, String classifierVersion) throws StoreException {
    CatalogueTally tally = new CatalogueTally();
    MessageDigest export = sha256();
    String after = null;
    while (true) {
      DigestPage page = store.digestPage(after, PAGE_SERVERS, classifierVersion);
      if (page.servers().isEmpty()) {
        break;
      }
      for (ServerDigest server : page.servers()) {
        tally.indexDigests.put(server.id(), server.indexDigest());
        tally.exportDigests.put(server.id(), server.exportDigest());
        export.update(
            (server.id() + '\t' + server.exportDigest() + '\n').getBytes(StandardCharsets.UTF_8));
        tally.servers++;
        tally.bySource.merge(server.source(), 1, Integer::sum);
        if (server.tools() > 0) {
          tally.withTools++;
        }
        tally.tools += server.tools();
      }
      page.toolsByOrigin().forEach((k, v) -> tally.byOrigin.merge(k, v, Integer::sum));
      page.categories().forEach((k, v) -> tally.categories.merge(k, v, Integer::sum));
      page.riskLevels().forEach((k, v) -> tally.risks.merge(k, v, Integer::sum));
      tally.unassessed += page.unassessedTools();
      after = page.lastServerId();
    }
    tally.exportFingerprint = HexFormat.of().formatHex(export.digest());
    return tally;
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
