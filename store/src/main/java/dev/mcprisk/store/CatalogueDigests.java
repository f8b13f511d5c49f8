package dev.mcprisk.store;

import dev.mcprisk.model.Category;
import dev.mcprisk.model.CrawlSummary;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ServerEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the classify stage's page ({@link AssessmentPage}) by keyset on the server id, like {@link
 * CataloguePages}: three queries a page (servers, latest crawls, tools with their cached
 * assessment's category and risk level, and the definition of each tool without one). The page's
 * {@link ServerDigest}s and tool counts ({@link DigestPage}) need no definition and no JSON parsed.
 *
 * <p>Thread-safety: stateless; the caller's connection and transaction.
 */
final class CatalogueDigests {
  private static final HexFormat HEX = HexFormat.of();

  /** Separates the fields of a digest's input: a character no id, name or hash contains. */
  private static final char SEP = '\u0000';

  private CatalogueDigests() {}

  /** One current tool of a server. */
  private record Tool(String name, String hash, String origin) {}

  /**
   * One page for the classify stage: the {@link DigestPage} (its {@code unassessedTools} are the
   * tools to assess) and, in the same queries, the definitions of the tools without a cached
   * assessment, so the classify pass also yields what the index and export stages compare.
   */
  static AssessmentPage assessmentPage(
      Connection c, String afterId, int limit, String classifierVersion) throws SQLException {
    Read read = read(c, afterId, limit, classifierVersion);
    return new AssessmentPage(
        read.digests().lastServerId(),
        read.digests().servers().size(),
        read.cachedHashes(),
        read.toAssess(),
        read.digests());
  }

  /** A page read: the digests, the cached hashes and the tools to assess. */
  private record Read(DigestPage digests, List<String> cachedHashes, List<ToolToAssess> toAssess) {}

  private static Read read(Connection c, String afterId, int limit, String classifierVersion)
      throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, source, entry_json FROM servers WHERE id > ? ORDER BY id"
                + " FETCH FIRST ? ROWS ONLY")) {
      ps.setString(1, afterId == null ? "" : afterId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    }
    if (rows.isEmpty()) {
      return new Read(
          new DigestPage(List.of(), Map.of(), Map.of(), Map.of(), 0), List.of(), List.of());
    }
    Set<String> ids = new HashSet<>();
    for (String[] row : rows) {
      ids.add(row[0]);
    }
    String from = rows.get(0)[0];
    String to = rows.get(rows.size() - 1)[0];
    Map<String, CrawlSummary> crawls = CataloguePages.latestCrawls(c, from, to);
    Map<String, List<Tool>> tools = new HashMap<>();
    Map<String, Integer> byOrigin = new TreeMap<>();
    Map<Category, Integer> categories = new EnumMap<>(Category.class);
    Map<RiskLevel, Integer> risks = new EnumMap<>(RiskLevel.class);
    int unassessed = 0;
    List<String> cachedHashes = new ArrayList<>();
    List<String[]> pending = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.server_id, t.name, t.definition_hash, t.origin, a.category, a.risk_level,"
                + " d.definition_json FROM tools t LEFT JOIN assessments a"
                + " ON a.definition_hash = t.definition_hash AND a.classifier_version = ?"
                + " LEFT JOIN definitions d ON a.definition_hash IS NULL"
                + " AND d.server_id = t.server_id AND d.name = t.name"
                + " AND d.json_hash = t.json_hash"
                + " WHERE t.server_id >= ? AND t.server_id <= ?"
                + " ORDER BY t.server_id, t.name")) {
      ps.setString(1, classifierVersion);
      ps.setString(2, from);
      ps.setString(3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String serverId = rs.getString(1);
          if (!ids.contains(serverId)) {
            continue; // tools of a server id that was never upserted are not in the catalogue
          }
          String origin = rs.getString(4);
          String hash = rs.getString(3).trim();
          tools
              .computeIfAbsent(serverId, k -> new ArrayList<>())
              .add(new Tool(rs.getString(2), hash, origin));
          String category = rs.getString(5);
          String risk = rs.getString(6);
          if (category == null || risk == null) {
            unassessed++;
            pending.add(new String[] {serverId, hash, rs.getString(7)});
          } else {
            cachedHashes.add(hash);
            categories.merge(enumValue(Category.class, category), 1, Integer::sum);
            risks.merge(enumValue(RiskLevel.class, risk), 1, Integer::sum);
          }
          byOrigin.merge(origin, 1, Integer::sum);
        }
      }
    }
    List<ServerDigest> servers = new ArrayList<>(rows.size());
    MessageDigest sha256 = sha256();
    for (String[] row : rows) {
      String id = row[0];
      List<Tool> list = tools.remove(id);
      if (list == null) {
        list = List.of();
      } else {
        list.sort((a, b) -> a.name().compareTo(b.name()));
      }
      StringBuilder in = new StringBuilder(row[2].length() + 100 * list.size() + 200);
      in.append(row[2]).append(SEP);
      CrawlSummary crawl = crawls.get(id);
      if (crawl != null) {
        in.append(crawl.status().name()).append(SEP).append(crawl.reason()).append(SEP);
        in.append(crawl.method()).append(SEP).append(crawl.protocolVersion()).append(SEP);
      }
      in.append('\n');
      for (Tool tool : list) {
        in.append(tool.name()).append(SEP).append(tool.hash()).append(SEP).append(tool.origin());
        in.append('\n');
      }
      String index = HEX.formatHex(sha256.digest(in.toString().getBytes(StandardCharsets.UTF_8)));
      String export =
          HEX.formatHex(
              sha256.digest(
                  (index + SEP + (crawl == null ? "-" : crawl.at().toString()))
                      .getBytes(StandardCharsets.UTF_8)));
      servers.add(new ServerDigest(id, row[1], list.size(), index, export));
    }
    DigestPage digests = new DigestPage(servers, byOrigin, categories, risks, unassessed);
    Map<String, String> entryJson = new HashMap<>();
    for (String[] row : rows) {
      entryJson.put(row[0], row[2]);
    }
    Map<String, ServerEntry> entries = new HashMap<>();
    List<ToolToAssess> out = new ArrayList<>(pending.size());
    for (String[] p : pending) {
      ServerEntry entry = entries.get(p[0]);
      if (entry == null) {
        entry = CataloguePages.json(entryJson.get(p[0]), ServerEntry.class);
        entries.put(p[0], entry);
      }
      out.add(
          new ToolToAssess(
              p[0], entry.name(), entry.description(), p[1], CataloguePages.tool(p[2])));
    }
    return new Read(digests, cachedHashes, out);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String name) throws SQLException {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new SQLException(
          "the assessment cache holds an unknown " + type.getSimpleName() + ": " + name, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
