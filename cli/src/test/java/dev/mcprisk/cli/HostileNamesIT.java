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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names from strangers through the whole pipeline: a recorded server whose package name and tool
 * names hold path traversal, NUL, newlines, quotes, colons, a leading dash, YAML, JSON and Lucene
 * syntax, ANSI escapes, bidi overrides, zero-width characters and 1,000-char names. The exports
 * keep every name exactly and stay valid, file names stay inside the export folder, and the
 * terminal output of search escapes control and bidi characters.
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
          "x".repeat(1000));

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
        assertFalse(out.contains("\u001b"), "no escape sequence reaches the terminal");
        assertFalse(out.contains("\u202e"), "no bidi override reaches the terminal");
        assertFalse(out.contains("\u200b"), "no zero-width character reaches the terminal");
        assertFalse(out.contains("\u0000"), "no NUL reaches the terminal");
        assertFalse(out.contains("Exception"), out);
      }
    }
  }
}
