package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.hidden;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

class InterceptPolicyWriterTest {
  static final LocalDate DATE = LocalDate.of(2026, 11, 21);
  static final YAMLMapper YAML = new YAMLMapper();

  /** Names that break naive YAML writers or hide what they are. */
  static final List<String> HOSTILE =
      List.of(
          "../x",
          "a: b",
          "- x",
          "\"quoted\"",
          "'single'",
          "line\nbreak",
          "cr\rlf\r\n",
          "# hash",
          "x #comment",
          "\u202Eevil\u202C",
          "zero\u200Bwidth",
          "x".repeat(300),
          "tab\there",
          "nel\u0085ls\u2028ps\u2029",
          "nul\u0000bell\u0007",
          "{flow: map}",
          "[a, b]",
          "&anchor",
          "*alias",
          "!tag",
          "%directive",
          "@at",
          "`tick`",
          "null",
          "true",
          "~",
          "1",
          " leading space",
          "trailing space ",
          "back\\slash",
          "caf\u00e9 \u65e5\u672c \uD83D\uDE00",
          "bom\uFEFF",
          "priv\uE000",
          "lone\uD800",
          "tag\uDB40\uDC41\uDB40\uDC7F",
          "\u001B[31mred\u001B[0m",
          "iso\u2066late\u2069",
          "\u3164filler",
          "? key",
          "|",
          ">",
          "---",
          "...");

  static CatalogueServer hostileServer() {
    List<AssessedTool> tools = new ArrayList<>();
    Category[] rotation = Category.values();
    int i = 0;
    for (String name : HOSTILE) {
      Category category = rotation[i++ % rotation.length];
      tools.add(
          assessed(
              tool(name, name, "ok_arg"),
              category,
              "Quotes " + name + "\nversion: \"2\"\ntools: {}\n# end"));
    }
    return catalogueServer("io.github.evil/\"srv\"\n# x: y", tools);
  }

  @Test
  void hostileNamesRoundTripExactlyAndPassTheValidator() throws Exception {
    CatalogueServer server = hostileServer();
    String yaml = InterceptPolicyWriter.render(server, DATE);
    assertEquals(List.of(), InterceptPolicyValidator.validate(yaml));

    JsonNode root = YAML.readTree(yaml);
    assertEquals("1", root.get("version").asText());
    assertEquals(
        "Recommended policy (balanced profile) for io.github.evil/\"srv\"\n# x: y from the"
            + " mcp-risk-catalogue of 2026-11-21",
        root.get("description").asText());
    assertEquals("allow", root.get("default").asText());
    Set<String> keys = new HashSet<>();
    root.get("tools").fieldNames().forEachRemaining(keys::add);
    assertEquals(new HashSet<>(HOSTILE), keys);
    for (AssessedTool t : server.tools()) {
      JsonNode rules = root.get("tools").get(t.tool().name()).get("rules");
      switch (t.policy().action()) {
        case ALLOW -> assertEquals(0, rules.size());
        case DENY -> {
          assertEquals("deny", rules.get(0).get("action").asText());
          assertEquals(t.policy().onDeny(), rules.get(0).get("on_deny").asText());
        }
        case RATE_LIMIT -> {
          assertEquals(
              t.policy().rateLimitMax() + "/" + t.policy().rateLimitWindow(),
              rules.get(0).get("rate_limit").asText());
          List<String> paths = new ArrayList<>();
          for (int r = 1; r < rules.size(); r++) {
            paths.add(rules.get(r).get("conditions").get(0).get("path").asText());
          }
          List<String> expected = new ArrayList<>();
          for (String arg : t.policy().requiredArguments()) {
            if (!arg.contains(".") && !expected.contains("args." + arg)) {
              expected.add("args." + arg);
            }
          }
          assertEquals(expected, paths, t.tool().name());
        }
        case HIDE -> throw new AssertionError("no hidden tools here");
      }
    }
  }

  @Test
  void outputParsesWithPlainSnakeYamlToo() {
    String yaml = InterceptPolicyWriter.render(hostileServer(), DATE);
    Object parsed = new Yaml(new LoaderOptions()).load(yaml);
    assertTrue(parsed instanceof java.util.Map<?, ?>);
    assertEquals(
        new HashSet<>(HOSTILE),
        ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) parsed).get("tools")).keySet());
  }

  @Test
  void invisibleAndBidiCharactersAreEscapedVisibly() {
    String yaml = InterceptPolicyWriter.render(hostileServer(), DATE);
    assertFalse(yaml.contains("\u202E"), "U+202E must not appear literally");
    assertFalse(yaml.contains("\u200B"), "U+200B must not appear literally");
    assertFalse(yaml.contains("\u2028"), "U+2028 must not appear literally");
    assertTrue(yaml.contains("\"\\u202Eevil\\u202C\":"), yaml);
    assertFalse(yaml.contains("\uDB40"), "tag characters must not appear literally");
    assertFalse(yaml.contains("\u001B"), "ESC must not appear literally");
    assertFalse(yaml.contains("\u3164"), "the Hangul filler must not appear literally");
    assertTrue(yaml.contains("\"tag\\U000E0041\\U000E007F\":"), yaml);
    assertTrue(yaml.contains("\"\\u3164filler\":"), yaml);
    assertTrue(yaml.contains("caf\u00e9"), "printable Unicode stays readable");
  }

  @Test
  void everyCommentIsASingleLineAndCarriesCategoryAndLevel() {
    String yaml = InterceptPolicyWriter.render(hostileServer(), DATE);
    long comments = yaml.lines().filter(l -> l.strip().startsWith("#")).count();
    assertTrue(comments >= HOSTILE.size(), "one comment per tool");
    assertTrue(yaml.contains("  # Destructive, Critical: Quotes "), yaml);
    for (String line : yaml.lines().toList()) {
      String s = line.strip();
      assertFalse(s.startsWith("version") && !line.equals("version: \"1\""), line);
    }
  }

  @Test
  void maximumLengthNameOfEscapesUsesAnExplicitKey() throws Exception {
    String name = "\u202E".repeat(1024);
    CatalogueServer server =
        catalogueServer("s", List.of(assessed(tool(name), Category.READ, "Reads.")));
    String yaml = InterceptPolicyWriter.render(server, DATE);
    assertTrue(yaml.contains("  ? \""), "explicit key for a long key");
    assertEquals(List.of(), InterceptPolicyValidator.validate(yaml));
    assertTrue(YAML.readTree(yaml).get("tools").has(name));
  }

  @Test
  void allowRateLimitAndDenyMatchTheSpecExampleShape() throws Exception {
    CatalogueServer server =
        catalogueServer(
            "io.github.example/files",
            List.of(
                assessed(tool("create_issue", "owner"), Category.WRITE, "Creates an issue."),
                assessed(tool("delete_file", "path"), Category.DESTRUCTIVE, "Deletes a file."),
                assessed(tool("read_file", "path"), Category.READ, "Reads a file.")));
    String yaml = InterceptPolicyWriter.render(server, DATE);
    assertTrue(
        yaml.contains(
            "  \"create_issue\":\n"
                + "    rules:\n"
                + "      - name: \"write rate limit\"\n"
                + "        rate_limit: \"30/hour\"\n"
                + "        on_deny: \"Slow down.\"\n"
                + "      - name: \"require argument owner\"\n"
                + "        conditions:\n"
                + "          - path: \"args.owner\"\n"
                + "            op: \"exists\"\n"
                + "            value: true\n"),
        yaml);
    assertTrue(
        yaml.contains(
            "  \"delete_file\":\n"
                + "    rules:\n"
                + "      - name: \"block destructive tool\"\n"
                + "        action: \"deny\"\n"),
        yaml);
    assertTrue(yaml.contains("  \"read_file\":\n    rules: []\n"), yaml);
    assertFalse(yaml.contains("hide:"), "no hide list without hidden tools");
    assertEquals(List.of(), InterceptPolicyValidator.validate(yaml));
  }

  @Test
  void hiddenToolIsListedUnderHideAndStillDenied() throws Exception {
    CatalogueServer server =
        catalogueServer("s", List.of(hidden(tool("wipe_disk")), hidden(tool("wipe - all"))));
    String yaml = InterceptPolicyWriter.render(server, DATE);
    assertEquals(List.of(), InterceptPolicyValidator.validate(yaml));
    JsonNode root = YAML.readTree(yaml);
    assertEquals("wipe - all", root.get("hide").get(0).asText());
    assertEquals("wipe_disk", root.get("hide").get(1).asText());
    assertEquals(
        "deny", root.get("tools").get("wipe_disk").get("rules").get(0).get("action").asText());
  }

  @Test
  void toolNamedStarIsLeftOutSoNoRuleWidensToEveryTool() throws Exception {
    CatalogueServer server =
        catalogueServer(
            "s",
            List.of(
                assessed(tool("*"), Category.DESTRUCTIVE, "Deletes."),
                assessed(tool("read"), Category.READ, "Reads.")));
    String yaml = InterceptPolicyWriter.render(server, DATE);
    JsonNode tools = YAML.readTree(yaml).get("tools");
    assertFalse(tools.has("*"));
    assertTrue(tools.has("read"));
    assertEquals(List.of(), InterceptPolicyValidator.validate(yaml));
  }

  @Test
  void everyBundledServerGivesAValidPolicy() {
    for (CatalogueServer server : TestCatalogue.bundled()) {
      String yaml = InterceptPolicyWriter.render(server, DATE);
      assertEquals(List.of(), InterceptPolicyValidator.validate(yaml), server.server().id());
    }
  }
}
