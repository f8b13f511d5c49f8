package dev.mcprisk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.classifier.Classifier;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.ToolDefinition;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk classify}: classifies tools from a file, without a catalogue. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Classifies MCP tools. Input: JSON Lines, one Tool object per line (name, title,"
          + " description, inputSchema, annotations, optional server; other fields ignored), or"
          + " one tools/list result {\"tools\": [...]} (also inside a JSON-RPC response).",
      "Output: JSON Lines in input order: {\"server\", \"name\", \"category\", \"riskLevel\","
          + " \"score\", \"confidence\", \"signals\": [{\"id\", \"evidence\"}], \"rationale\","
          + " \"rules\": [...]}.",
      "A bad line is reported on stderr with its line number and skipped; the exit code is then"
          + " 1."
    })
final class ClassifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Largest input accepted: 256 MiB. */
  static final long MAX_INPUT_BYTES = 256L * 1024 * 1024;

  private static final ObjectReader WHOLE_DOCUMENT =
      Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "Tools to classify; - reads standard input.")
  String input;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Where to write the JSON Lines. Default: standard output.")
  Path output;

  /** One tool to classify and the line it came from (1-based; the tools/list file gives 1). */
  private record Item(int line, ObjectNode tool) {}

  @Override
  public Integer call() throws IOException {
    String text = readInput();
    List<String> errors = new ArrayList<>();
    List<Item> items = parse(text, errors);
    Classifier classifier = Classifier.loadDefault();
    PrintWriter stdout = spec.commandLine().getOut();
    Writer out =
        output == null
            ? stdout
            : new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
    try {
      for (Item item : items) {
        try {
          ToolDefinition tool = ToolDefinition.of(item.tool());
          String server = Json.text(item.tool(), "server");
          Assessment a = classifier.classify(tool, new ServerContext(server, null));
          out.write(Json.write(line(server, tool, a)));
          out.write('\n');
        } catch (IllegalArgumentException e) {
          errors.add("line " + item.line() + ": " + e.getMessage());
        }
      }
    } finally {
      if (output == null) {
        out.flush();
      } else {
        out.close();
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    errors.forEach(e -> err.println("mcprisk classify: " + e));
    err.flush();
    return errors.isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILURE;
  }

  private String readInput() throws IOException {
    byte[] bytes;
    if ("-".equals(input)) {
      bytes = System.in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_INPUT_BYTES + 1));
    } else {
      Path path = Path.of(input);
      if (!Files.isRegularFile(path)) {
        throw new IOException("cannot read --input " + path + ": no such file");
      }
      if (Files.size(path) > MAX_INPUT_BYTES) {
        throw new IOException(
            "--input " + path + " is over the limit of " + MAX_INPUT_BYTES + " bytes");
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readAllBytes();
      }
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new IOException("input is over the limit of " + MAX_INPUT_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A tools/list result (bare or in a JSON-RPC response) as a whole, else JSON Lines. */
  private static List<Item> parse(String text, List<String> errors) {
    List<Item> items = new ArrayList<>();
    JsonNode tools = toolsListArray(text);
    if (tools != null) {
      for (JsonNode tool : tools) {
        if (tool.isObject()) {
          items.add(new Item(1, (ObjectNode) tool));
        } else {
          errors.add("tools[" + items.size() + "]: not a JSON object");
        }
      }
      return items;
    }
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = WHOLE_DOCUMENT.readTree(line);
        if (node instanceof ObjectNode object) {
          items.add(new Item(i + 1, object));
        } else {
          errors.add("line " + (i + 1) + ": not a JSON object");
        }
      } catch (JsonProcessingException e) {
        errors.add("line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")");
      }
    }
    return items;
  }

  private static JsonNode toolsListArray(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = WHOLE_DOCUMENT.readTree(trimmed);
      if (node.path("result").path("tools").isArray()) {
        return node.path("result").path("tools");
      }
      if (node.path("tools").isArray() && !node.has("name")) {
        return node.path("tools");
      }
    } catch (JsonProcessingException e) {
      return null;
    }
    return null;
  }

  private static ObjectNode line(String server, ToolDefinition tool, Assessment a) {
    ObjectNode out = Json.object();
    out.put("server", server);
    out.put("name", tool.name());
    out.put("category", a.category().label());
    out.put("riskLevel", a.riskLevel().label());
    out.put("score", a.score());
    out.put("confidence", a.confidence());
    out.set("signals", Json.MAPPER.valueToTree(a.signals()));
    out.put("rationale", a.rationale());
    out.set("rules", Json.MAPPER.valueToTree(a.rules()));
    return out;
  }
}
