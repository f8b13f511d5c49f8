package dev.mcprisk.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.export.ToolDates;
import dev.mcprisk.export.ToolHistoryLookup;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.CrawlSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 fingerprints of the assembled catalogue, by which the index and export stages tell what
 * changed since their last successful run.
 *
 * <p>A server's fingerprint covers its registry entry (canonical JSON), each tool's definition
 * hash, origin and assessment (category, risk level, score, signal ids) and its latest crawl's
 * status, reason, method and protocol version: everything the index holds of it. The crawl time is
 * left out, so a re-crawl that found the same tools is no change to the index.
 *
 * <p>Thread-safe: stateless.
 */
final class CatalogueFingerprints {
  private CatalogueFingerprints() {}

  /** Each server's fingerprint by server id, sorted by id. */
  static Map<String, String> servers(Iterable<CatalogueServer> catalogue) {
    Map<String, String> out = new TreeMap<>();
    for (CatalogueServer server : catalogue) {
      out.put(server.server().id(), server(server));
    }
    return out;
  }

  /**
   * One server's fingerprint: lower-case hex SHA-256 (see the class comment for what it covers).
   */
  static String server(CatalogueServer server) {
    ObjectNode node = Json.object();
    node.set("entry", Json.MAPPER.valueToTree(server.server()));
    ArrayNode tools = node.putArray("tools");
    server.tools().stream()
        .sorted(java.util.Comparator.comparing((AssessedTool t) -> t.tool().name()))
        .forEach(
            tool -> {
              Assessment a = tool.assessment();
              ObjectNode t = tools.addObject();
              t.put("name", tool.tool().name());
              t.put("hash", tool.definitionHash());
              t.put("origin", tool.origin());
              t.put("category", a.category().name());
              t.put("risk", a.riskLevel().name());
              t.put("score", a.score());
              ArrayNode signals = t.putArray("signals");
              a.signalIds().forEach(signals::add);
            });
    CrawlSummary crawl = server.crawl();
    if (crawl != null) {
      ObjectNode c = node.putObject("crawl");
      c.put("status", crawl.status().name());
      c.put("reason", crawl.reason());
      c.put("method", crawl.method());
      c.put("protocolVersion", crawl.protocolVersion());
    }
    return Json.sha256Hex(Json.canonical(node));
  }

  /**
   * The fingerprint of everything an export writes except its {@code generatedAt}: the servers'
   * fingerprints, each latest crawl's time and each tool's first-seen and last-changed dates.
   *
   * @param serverFingerprints from {@link #servers}
   * @param catalogue the catalogue the fingerprints were computed from, in id order
   * @param history the tool dates the export will write
   */
  static String export(
      Map<String, String> serverFingerprints,
      Iterable<CatalogueServer> catalogue,
      ToolHistoryLookup history) {
    ExportDigest digest = new ExportDigest();
    for (CatalogueServer server : catalogue) {
      digest.add(server, serverFingerprints.get(server.server().id()), history);
    }
    return digest.hex();
  }

  /**
   * The export fingerprint computed one server at a time, in the catalogue's id order: SHA-256 over
   * one line per server ({@code id}, its fingerprint, its crawl time, then {@code name=firstSeen/
   * lastChanged} per tool by name). Holds only the digest's state.
   *
   * <p>Not thread-safe.
   */
  static final class ExportDigest {
    private final MessageDigest sha256;

    ExportDigest() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }

    /** Adds one server; {@code history} is asked for its tools now. */
    void add(CatalogueServer server, String fingerprint, ToolHistoryLookup history) {
      String id = server.server().id();
      StringBuilder s = new StringBuilder(id).append('\t').append(fingerprint);
      s.append('|').append(server.crawl() == null ? "-" : server.crawl().at().toString());
      server.tools().stream()
          .map(t -> t.tool().name())
          .sorted()
          .forEach(
              name -> {
                ToolDates dates = history.find(id, name);
                s.append('|').append(name).append('=');
                if (dates != null) {
                  s.append(dates.firstSeen()).append('/').append(dates.lastChanged());
                }
              });
      s.append('\n');
      sha256.update(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The fingerprint: lower-case hex SHA-256 of what was added. */
    String hex() {
      return HexFormat.of().formatHex(sha256.digest());
    }
  }
}
