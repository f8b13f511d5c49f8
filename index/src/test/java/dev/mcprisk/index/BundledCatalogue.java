package dev.mcprisk.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The real bundled {@code tools/list} captures as a catalogue: one server per npm package ({@code
 * npm:<package>}), the union of its captures' tools by name (first capture wins), with crude
 * hand-made assessments (by the tool name's first verb; the classifier is not a dependency here),
 * an npm package per transport its captures used, and Context7's hosted remote.
 */
final class BundledCatalogue {
  static final PolicyRecommendation ALLOW =
      new PolicyRecommendation(PolicyAction.ALLOW, "allow", 0, null, List.of(), "");

  static final String CONTEXT7 = "@upstash/context7-mcp";

  private BundledCatalogue() {}

  /** 21 servers, 302 tools, sorted by server id and tool name. */
  static List<CatalogueServer> load() {
    Map<String, ServerEntry> entries = new TreeMap<>();
    Map<String, Map<String, ToolDefinition>> tools = new TreeMap<>();
    Map<String, Set<String>> transports = new TreeMap<>();
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      JsonNode capture = read(file);
      String pkg = capture.get("package").asText();
      String id = ServerEntry.npmId(pkg);
      transports
          .computeIfAbsent(id, k -> new TreeSet<>())
          .add(capture.path("transport").asText("stdio"));
      JsonNode info = capture.path("initialize").path("serverInfo");
      String description =
          info.path("description").isTextual()
              ? info.get("description").asText()
              : Json.text(capture.path("initialize"), "instructions");
      entries.putIfAbsent(
          id,
          new ServerEntry(
              id,
              pkg,
              Json.text(info, "title"),
              description,
              capture.path("version").asText(null),
              null,
              null,
              null,
              "snapshot",
              null));
      Map<String, ToolDefinition> byName = tools.computeIfAbsent(id, k -> new TreeMap<>());
      for (JsonNode node : capture.path("tools_list").path("tools")) {
        ToolDefinition tool = ToolDefinition.of(node);
        byName.putIfAbsent(tool.name(), tool);
      }
    }
    List<CatalogueServer> servers = new ArrayList<>();
    entries.forEach(
        (id, entry) -> {
          List<AssessedTool> assessed = new ArrayList<>();
          tools.get(id).values().forEach(t -> assessed.add(assess(t)));
          servers.add(new CatalogueServer(withInstall(entry, transports.get(id)), null, assessed));
        });
    return servers;
  }

  /**
   * The entry with one npm package per transport its captures used ({@code stdio}, {@code
   * streamable-http}), and Context7's public hosted remote.
   */
  private static ServerEntry withInstall(ServerEntry entry, Set<String> transports) {
    List<ServerPackage> packages = new ArrayList<>();
    for (String transport : transports) {
      packages.add(
          new ServerPackage(
              "npm",
              entry.name(),
              entry.version(),
              "stdio".equals(transport) ? "npx" : null,
              transport,
              null,
              null));
    }
    List<Remote> remotes =
        entry.name().equals(CONTEXT7)
            ? List.of(new Remote("streamable-http", "https://mcp.context7.com/mcp"))
            : List.of();
    return new ServerEntry(
        entry.id(),
        entry.name(),
        entry.title(),
        entry.description(),
        entry.version(),
        entry.repository(),
        packages,
        remotes,
        entry.source(),
        entry.status());
  }

  static AssessedTool assess(ToolDefinition tool) {
    return new AssessedTool(
        tool, tool.definitionHash(), "snapshot", assessment(tool.name()), ALLOW);
  }

  /** Category by the first word of the name: crude on purpose. */
  static Assessment assessment(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.matches(".*(delete|drop|remove|purge).*")) {
      return of(Category.DESTRUCTIVE, RiskLevel.HIGH, 80, List.of(new Signal("irreversible", n)));
    }
    if (n.matches(".*(refund|payment|invoice).*")) {
      return of(Category.FINANCIAL, RiskLevel.CRITICAL, 90, List.of());
    }
    if (n.matches(".*(execute|run|evaluate|exec|start).*")) {
      return of(Category.EXECUTE, RiskLevel.HIGH, 70, List.of(new Signal("code-execution", n)));
    }
    if (n.matches(".*(create|update|write|add|edit|move|set).*")) {
      return of(Category.WRITE, RiskLevel.MEDIUM, 40, List.of());
    }
    return of(Category.READ, RiskLevel.LOW, 10, List.of());
  }

  private static Assessment of(
      Category category, RiskLevel level, int score, List<Signal> signals) {
    return new Assessment(
        category, level, score, 0.5, signals, "test rule", List.of("TEST"), "test");
  }

  private static JsonNode read(String file) {
    try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
