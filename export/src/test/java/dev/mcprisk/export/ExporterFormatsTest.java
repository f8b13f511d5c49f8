package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Exporter#export} per format, with profiles, default deny, hiding and filters. */
class ExporterFormatsTest {
  static final Instant GENERATED = Instant.parse("2026-11-21T03:00:00Z");
  static final LocalDate DATE = LocalDate.of(2026, 11, 21);
  static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  static List<CatalogueServer> catalogue() {
    List<CatalogueServer> servers = new ArrayList<>(TestCatalogue.bundled());
    servers.add(ExportOptionsTest.SERVER);
    servers.add(
        catalogueServer(
            "io.github.example/star",
            List.of(
                assessed(tool("*"), Category.READ, "Star."),
                assessed(tool("get"), Category.READ, "Reads."))));
    return servers;
  }

  static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  /** Rule counts read back from the YAML itself, independently of the writer's own counting. */
  static RuleCounts countFromYaml(JsonNode root) {
    long deny = 0;
    long rateLimit = 0;
    long exists = 0;
    long allow = 0;
    for (JsonNode tool : root.get("tools")) {
      JsonNode rules = tool.get("rules");
      if (rules.isEmpty()) {
        allow++;
      }
      for (JsonNode rule : rules) {
        if ("deny".equals(rule.path("action").asText())) {
          deny++;
        }
        if (rule.has("rate_limit")) {
          rateLimit++;
        }
        for (JsonNode condition : rule.path("conditions")) {
          if ("exists".equals(condition.path("op").asText())) {
            exists++;
          }
        }
      }
    }
    return new RuleCounts(deny, root.path("hide").size(), rateLimit, exists, allow);
  }

  static RuleCounts countFolder(Path folder) throws Exception {
    RuleCounts sum = RuleCounts.ZERO;
    for (Path file : files(folder)) {
      sum = sum.plus(countFromYaml(YAML.readTree(file.toFile())));
    }
    return sum;
  }

  @Test
  void defaultRunCountsRulesByKindAsTheFilesHoldThem() throws Exception {
    Path export = dir.resolve("export");
    ExportStats stats = Exporter.writeAll(export, catalogue(), GENERATED, "1.0.0");
    RuleCounts counted = countFolder(export.resolve("intercept"));
    assertEquals(counted, stats.rules());
    assertTrue(stats.rules().deny() > 0 && stats.rules().rateLimit() > 0, stats.toString());
    assertTrue(stats.rules().exists() > 0 && stats.rules().allow() > 0, stats.toString());
    assertEquals(0, stats.rules().hide());
    System.out.println(
        "Intercept rules by kind, default run over the bundled test catalogue: " + stats);
  }

  @Test
  void defaultDenyListsEveryCallableToolAndPassesTheValidator() throws Exception {
    Path out = dir.resolve("intercept");
    ExportOptions options = ExportOptions.DEFAULTS.withDefaultDeny(true);
    List<CatalogueServer> catalogue = catalogue();
    ExportStats stats =
        Exporter.export(ExportFormat.INTERCEPT, catalogue, options, out, GENERATED, "1.0.0");
    assertEquals(catalogue.size(), stats.interceptFiles());
    for (CatalogueServer server : catalogue) {
      Path file = out.resolve(ExportFileNames.forServer(server.server().id()) + ".yaml");
      PolicyFileReport report = InterceptPolicyValidator.validateFile(file);
      assertEquals(List.of(), report.violations(), file.toString());
      JsonNode root = YAML.readTree(file.toFile());
      assertEquals("deny", root.get("default").asText());
      Set<String> expected = new HashSet<>();
      server.tools().forEach(t -> expected.add(t.tool().name()));
      expected.remove("*");
      Set<String> listed = new HashSet<>();
      root.get("tools").fieldNames().forEachRemaining(listed::add);
      assertEquals(expected, listed, server.server().id());
    }
    String star =
        Files.readString(
            out.resolve(ExportFileNames.forServer("io.github.example/star") + ".yaml"));
    assertTrue(star.contains("# Profile: balanced; default deny: only the tools listed below.\n"));
    assertTrue(star.contains("means every tool; unlisted, it is refused.\n"), star);
    assertTrue(star.contains("  \"get\":\n    rules: []\n"), star);
  }

  @Test
  void defaultDenyPolicyLayerListsAllowedToolsAsEmptyObjects() throws Exception {
    Path out = dir.resolve("pl");
    Exporter.export(
        ExportFormat.POLICYLAYER,
        List.of(ExportOptionsTest.SERVER),
        ExportOptions.DEFAULTS.withDefaultDeny(true),
        out,
        GENERATED,
        "1.0.0");
    JsonNode root = Json.parse(Files.readString(files(out).get(0)));
    assertEquals("deny", root.get("default").asText());
    assertEquals(Json.object(), root.get("tools").get("read_file"));
    assertEquals(3, root.get("tools").size());
  }

  @Test
  void hideDestructiveMovesDestructiveToolsIntoHideInBothFormats() throws Exception {
    ExportOptions options = ExportOptions.DEFAULTS.withHideDestructive(true);
    Path intercept = dir.resolve("i");
    ExportStats stats =
        Exporter.export(
            ExportFormat.INTERCEPT,
            List.of(ExportOptionsTest.SERVER),
            options,
            intercept,
            GENERATED,
            "1.0.0");
    JsonNode root = YAML.readTree(files(intercept).get(0).toFile());
    assertEquals(List.of("rm"), List.of(root.get("hide").get(0).asText()));
    assertEquals(1, root.get("hide").size());
    assertEquals("hide destructive tool", root.at("/tools/rm/rules/0/name").asText());
    assertEquals(new RuleCounts(1, 1, 1, 1, 1), stats.rules());
    assertEquals(
        List.of(), InterceptPolicyValidator.validateFile(files(intercept).get(0)).violations());

    Path pl = dir.resolve("p");
    Exporter.export(
        ExportFormat.POLICYLAYER, List.of(ExportOptionsTest.SERVER), options, pl, GENERATED, "1");
    JsonNode policyLayer = Json.parse(Files.readString(files(pl).get(0)));
    assertEquals("rm", policyLayer.get("hide").get(0).asText());
  }

  @Test
  void profileChangesEveryFormatAndIsNamedInTheFiles() throws Exception {
    ExportOptions strict = ExportOptions.DEFAULTS.withProfile("strict", TestCatalogue.STRICT);
    List<CatalogueServer> one = List.of(ExportOptionsTest.SERVER);
    Path intercept = dir.resolve("i");
    ExportStats stats =
        Exporter.export(ExportFormat.INTERCEPT, one, strict, intercept, GENERATED, "1.0.0");
    String yaml = Files.readString(files(intercept).get(0));
    assertTrue(yaml.contains("description: \"Recommended policy (strict profile) for"), yaml);
    assertTrue(yaml.contains("        rate_limit: \"120/minute\"\n"), yaml);
    assertTrue(yaml.contains("        rate_limit: \"5/minute\"\n"), yaml);
    assertEquals(new RuleCounts(1, 0, 2, 1, 0), stats.rules());

    Path catalogue = dir.resolve("c.json");
    Exporter.export(ExportFormat.CATALOGUE, one, strict, catalogue, GENERATED, "1.0.0");
    JsonNode root = Json.parse(Files.readString(catalogue));
    assertEquals("strict", root.get("policyProfile").asText());
    JsonNode read = root.at("/servers/0/tools/0/policy");
    assertEquals(
        Json.parse(
            "{\"action\":\"rate_limit\",\"rule\":\"read rate limit\","
                + "\"rateLimit\":{\"max\":120,\"window\":\"minute\"},\"onDeny\":\"Slow down.\"}"),
        read);

    Path pl = dir.resolve("pl");
    Exporter.export(ExportFormat.POLICYLAYER, one, strict, pl, GENERATED, "1.0.0");
    JsonNode limit = Json.parse(Files.readString(files(pl).get(0))).at("/tools/run/limits/0");
    assertEquals(5, limit.get("max").asInt());
  }

  @Test
  void minRiskAndServerFiltersSelectWhatEveryFormatWrites() throws Exception {
    List<CatalogueServer> catalogue = catalogue();
    ExportOptions high = ExportOptions.DEFAULTS.withMinRisk(RiskLevel.HIGH);
    Path json = dir.resolve("high.json");
    ExportStats stats =
        Exporter.export(ExportFormat.CATALOGUE, catalogue, high, json, GENERATED, "1.0.0");
    long expectedTools =
        catalogue.stream()
            .flatMap(s -> s.tools().stream())
            .filter(t -> t.assessment().riskLevel().compareTo(RiskLevel.HIGH) >= 0)
            .count();
    assertEquals(expectedTools, stats.tools());
    JsonNode root = Json.parse(Files.readString(json));
    assertEquals(stats.servers(), root.get("servers").size());
    for (JsonNode server : root.get("servers")) {
      assertFalse(server.get("tools").isEmpty(), server.get("id").asText());
      for (JsonNode tool : server.get("tools")) {
        String level = tool.at("/assessment/riskLevel").asText();
        assertTrue(level.equals("High") || level.equals("Critical"), level);
      }
    }

    ExportOptions one = ExportOptions.DEFAULTS.withServer("io.github.example/mixed");
    Path intercept = dir.resolve("one");
    ExportStats single =
        Exporter.export(ExportFormat.INTERCEPT, catalogue, one, intercept, GENERATED, "1.0.0");
    assertEquals(1, single.servers());
    assertEquals(3, single.tools());
    assertEquals(
        List.of(intercept.resolve(ExportFileNames.forServer("io.github.example/mixed") + ".yaml")),
        files(intercept));

    ExportStats none =
        Exporter.export(
            ExportFormat.NDJSON,
            catalogue,
            ExportOptions.DEFAULTS.withServer("no/such"),
            dir.resolve("none.ndjson"),
            GENERATED,
            "1.0.0");
    assertEquals(0, none.servers());
    assertEquals(1, Files.readAllLines(dir.resolve("none.ndjson")).size(), "header line only");
  }

  @Test
  void perServerExportLeavesOtherFilesInTheFolderAlone() throws Exception {
    Path out = Files.createDirectories(dir.resolve("mine"));
    Path own = Files.writeString(out.resolve("my-own-policy.yaml"), "keep me");
    Exporter.export(
        ExportFormat.INTERCEPT,
        List.of(ExportOptionsTest.SERVER),
        ExportOptions.DEFAULTS,
        out,
        GENERATED,
        "1.0.0");
    Exporter.export(
        ExportFormat.INTERCEPT,
        List.of(ExportOptionsTest.SERVER),
        ExportOptions.DEFAULTS,
        out,
        GENERATED,
        "1.0.0");
    assertEquals("keep me", Files.readString(own));
    assertEquals(2, files(out).size(), files(out).toString());
  }

  @Test
  void everyBundledServerGivesAValidPolicyUnderEveryOptionCombination() throws Exception {
    List<CatalogueServer> catalogue = catalogue();
    for (boolean deny : new boolean[] {false, true}) {
      for (boolean hide : new boolean[] {false, true}) {
        for (PolicyMapper mapper : new PolicyMapper[] {PolicyMapper.STORED, TestCatalogue.STRICT}) {
          ExportOptions options =
              ExportOptions.DEFAULTS
                  .withProfile("p", mapper)
                  .withDefaultDeny(deny)
                  .withHideDestructive(hide);
          for (CatalogueServer server : catalogue) {
            InterceptPolicy policy = InterceptPolicyWriter.render(server, DATE, options);
            assertEquals(
                List.of(), InterceptPolicyValidator.validate(policy.yaml()), server.server().id());
            assertEquals(countFromYaml(YAML.readTree(policy.yaml())), policy.rules());
            for (AssessedTool t : server.tools()) {
              if (hide && t.assessment().category() == Category.DESTRUCTIVE) {
                assertTrue(policy.yaml().contains("hide:\n"), server.server().id());
              }
            }
          }
        }
      }
    }
  }
}
