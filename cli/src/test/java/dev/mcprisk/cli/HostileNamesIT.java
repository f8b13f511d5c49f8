package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.export.InterceptPolicyValidator;
import dev.mcprisk.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names from strangers through the whole pipeline: a recorded server whose package name and tool
 * names hold path traversal, NUL, newlines, quotes, colons, a leading dash, YAML, JSON and Lucene
 * syntax, ANSI escapes, bidi overrides, zero-width characters, tag characters, line separators and
 * 1,000-char names. The exports keep every name exactly and stay valid, file names stay inside the
 * export folder, and the terminal output of search and probe shows every control, bidi, zero-width,
 * tag and separator character as a visible escape, never raw.
 */
class HostileNamesIT {
  static final List<String> NAMES =
      List.of(
          "../../etc/passwd",
          "a/b\\c",
          "nul\u0000byte",
          "new\nline",
          "\"quoted\" 'single'",
          "key: value",
          "- leading dash",
          "{json: [1, 2]}",
          "name:* AND ((((",
          "\u001b[31mred\u001b[0m",
          "bidi\u202eevil\u202c",
          "zero\u200bwidth",
          "#comment",
          "tag\uDB40\uDC41name",
          "line\u2028sep\u2029para",
          "x".repeat(1000));

  /** Characters that must never reach a terminal raw. */
  static final List<String> RAW =
      List.of("\u001b", "\u202e", "\u200b", "\u0000", "\uDB40", "\u2028", "\u2029", "\u009b");

  @TempDir Path home;
  @TempDir Path snapshots;

  @Test
  void hostileNamesStayDataEverywhere() throws Exception {
    ObjectNode snapshot = Json.object();
    snapshot.put("package", "../evil/\u202epkg:\n- x");
    snapshot.put("version", "1.0.0");
    snapshot.put("captured_at", "2026-11-21T00:00:00Z");
    snapshot.putObject("initialize").put("protocolVersion", "2025-06-18");
    ArrayNode tools = snapshot.putObject("tools_list").putArray("tools");
    for (String name : NAMES) {
      ObjectNode tool = tools.addObject();
      tool.put("name", name);
      tool.put("description", "Delete " + name + " permanently.");
      tool.putObject("inputSchema").put("type", "object");
    }
    Files.writeString(
        snapshots.resolve("hostile.json"), Json.write(snapshot), StandardCharsets.UTF_8);

    CliProcess.Result run =
        CliProcess.run(
            "run",
            "--offline",
            "--snapshot",
            snapshots.toString(),
            "--home",
            home.toString(),
            "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(NAMES.size(), Json.parse(run.stdout()).get("tools").asInt());

    Path export = home.resolve("export");
    JsonNode catalogue = Json.parse(Files.readString(export.resolve("catalogue.json")));
    Set<String> exported = new HashSet<>();
    for (JsonNode server : catalogue.get("servers")) {
      server.get("tools").forEach(t -> exported.add(t.get("name").asText()));
    }
    assertEquals(new HashSet<>(NAMES), exported, "every name kept exactly");

    for (String folder : List.of("intercept", "policylayer")) {
      try (Stream<Path> files = Files.list(export.resolve(folder))) {
        for (Path file : files.toList()) {
          assertEquals(export.resolve(folder), file.getParent(), "inside the export folder");
          assertTrue(file.getFileName().toString().matches("[a-z0-9._-]+"), file.toString());
          if (folder.equals("intercept")) {
            assertEquals(List.of(), InterceptPolicyValidator.validateFile(file).violations());
          } else {
            Json.parse(Files.readString(file));
          }
        }
      }
    }

    for (String query : List.of("delete", "red", "bidi evil", "name:* AND ((((")) {
      CliProcess.Result search =
          CliProcess.run("search", query, "--limit", "50", "--home", home.toString());
      assertTrue(search.exitCode() == 0 || search.exitCode() == 2, search.stderr());
      for (String out : List.of(search.stdout(), search.stderr())) {
        assertNoRawCharacter(out);
        assertFalse(out.contains("Exception"), out);
      }
      if (query.equals("delete")) {
        for (String escaped :
            List.of(
                "tag\\U000E0041name",
                "line\\u2028sep\\u2029para",
                "bidi\\u202Eevil\\u202C",
                "\\u001B[31mred\\u001B[0m",
                "nul\\u0000byte")) {
          assertTrue(search.stdout().contains(escaped), escaped + " in " + search.stdout());
        }
      }
    }
  }

  @Test
  void probeTextOutputEscapesHostileToolsAndFlagsTheirNames() throws Exception {
    Assumptions.assumeTrue(hasNode(), "SKIPPED HostileNamesIT probe: needs node on the PATH");
    ArrayNode tools = Json.MAPPER.createArrayNode();
    tools.addObject().put("name", "list\u202Eelif").put("description", "Lists files.");
    tools.addObject().put("name", "\u001b[31mget_weather\u001b[0m").put("description", "Gets it.");
    tools.addObject().put("name", "get_data\uDB40\uDC41").put("description", "Gets\u2028data.");
    tools.addObject().put("name", "read_notes").put("description", "Reads notes\u2029\u009b2J.");
    Path server = snapshots.resolve("hostile-server.js");
    Files.writeString(server, stdioServer(tools), StandardCharsets.UTF_8);

    CliProcess.Result probe =
        CliProcess.run("probe", "--no-sandbox", "--", "node", server.toString());

    assertEquals(0, probe.exitCode(), probe.stdout() + probe.stderr());
    String out = probe.stdout();
    assertNoRawCharacter(out);
    assertNoRawCharacter(probe.stderr());
    assertTrue(out.contains("4 tools"), out);
    assertTrue(out.contains("list\\u202Eelif"), out);
    assertTrue(out.contains("\\u001B[31mget_weather\\u001B[0m"), out);
    assertTrue(out.contains("get_data\\U000E0041"), out);
    assertTrue(out.contains("Gets\\u2028data."), out);
    assertTrue(out.contains("Reads notes\\u2029\\u009B2J."), out);
    assertTrue(
        out.contains(
            "The tool name contains a right-to-left override (U+202E), which can make it display"
                + " as another name."),
        out);
    assertTrue(out.contains("The tool name contains an escape character (U+001B)"), out);
    assertTrue(out.contains("The tool name contains a tag latin capital letter a (U+E0041)"), out);
    long high = out.lines().filter(l -> l.startsWith("  High ")).count();
    assertEquals(3, high, "the three deceptive names are High: " + out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("  Low ") && l.endsWith("read_notes")), out);
  }

  private static void assertNoRawCharacter(String out) {
    for (String raw : RAW) {
      assertFalse(
          out.contains(raw), String.format("U+%04X reaches the terminal raw", (int) raw.charAt(0)));
    }
  }

  /** A minimal MCP stdio server: answers initialize and tools/list with {@code tools}. */
  private static String stdioServer(ArrayNode tools) {
    return "const tools = "
        + Json.write(tools)
        + ";\n"
        + "require('readline').createInterface({input: process.stdin}).on('line', line => {\n"
        + "  const m = JSON.parse(line);\n"
        + "  if (m.id === undefined) return;\n"
        + "  const result = m.method === 'initialize'\n"
        + "    ? {protocolVersion: m.params.protocolVersion, capabilities: {tools: {}},"
        + " serverInfo: {name: 'hostile', version: '1.0.0'}}\n"
        + "    : m.method === 'tools/list' ? {tools} : {};\n"
        + "  process.stdout.write(JSON.stringify({jsonrpc: '2.0', id: m.id, result}) + '\\n');\n"
        + "});\n";
  }

  private static boolean hasNode() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
