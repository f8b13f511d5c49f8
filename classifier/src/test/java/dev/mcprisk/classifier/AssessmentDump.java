package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.classifier.eval.BundledListing;
import dev.mcprisk.classifier.eval.BundledListings;
import dev.mcprisk.classifier.eval.LabelSet;
import dev.mcprisk.classifier.eval.LabelledTool;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ToolDefinition;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the assessment of every tool the project has at hand as JSON Lines, so that a refactoring
 * of the classifier can be checked byte for byte against the output before it. Not a test: run it
 * by hand before and after a change and compare the files with {@code cmp}.
 *
 * <pre>
 * mvn -q -o -pl classifier -am test-compile -Djacoco.skip=true
 * mvn -q -o -pl classifier dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "classifier/target/test-classes:classifier/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.mcprisk.classifier.AssessmentDump OUT.jsonl [CORPUS_DIR]
 * </pre>
 *
 * <p>Inputs, each with and without its server context: the bundled {@code tools/list} captures, the
 * labelled sets on the test classpath ({@code eval/labels.jsonl}, {@code
 * eval/corpus-labels.jsonl}), every {@code *-tools.jsonl} line of {@code CORPUS_DIR} (a JSON Lines
 * corpus whose lines hold {@code server}, {@code name}, {@code description}, {@code inputSchema};
 * the server contexts from the matching {@code *-servers.jsonl}, {@code server_yaml.about}), and
 * deterministic recombinations of them (a name with another tool's description and schema, the name
 * in other identifier styles) so that more rule paths run. Each output line is {@code <input
 * set>\t<n>\t<tool name>\t<assessment JSON>}.
 */
public final class AssessmentDump {
  /** Step between the tools whose parts are recombined (a prime, so every pairing differs). */
  private static final int RECOMBINE_STEP = 7919;

  private AssessmentDump() {}

  /**
   * Writes the dump.
   *
   * @param args the output file, then optionally the corpus folder
   * @throws IOException when an input cannot be read or the output written
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Path corpus = args.length > 1 ? Path.of(args[1]) : null;
    Classifier classifier = Classifier.loadDefault();
    List<Item> items = new ArrayList<>();
    for (BundledListing listing : BundledListings.all()) {
      items.add(new Item("bundled", listing.tool(), listing.context()));
    }
    for (String labels : List.of("eval/labels.jsonl", "eval/corpus-labels.jsonl")) {
      for (LabelledTool tool : LabelSet.load(resource(labels)).items()) {
        items.add(new Item(labels, tool.tool(), tool.context()));
      }
    }
    if (corpus != null) {
      items.addAll(corpus(corpus));
    }
    List<Item> all = new ArrayList<>(items);
    for (Item item : items) {
      all.add(new Item(item.set() + "/no-context", item.tool(), ServerContext.NONE));
    }
    all.addAll(recombined(items));
    all.addAll(restyled(items));
    int count = 0;
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      Map<String, Integer> perSet = new HashMap<>();
      for (Item item : all) {
        int n = perSet.merge(item.set(), 1, Integer::sum);
        writer.write(
            item.set()
                + "\t"
                + n
                + "\t"
                + item.tool().name()
                + "\t"
                + Json.write(classifier.classify(item.tool(), item.context()))
                + "\n");
        count++;
      }
    }
    System.out.println(count + " assessments written to " + out);
  }

  private record Item(String set, ToolDefinition tool, ServerContext context) {}

  private static List<Item> corpus(Path folder) throws IOException {
    List<Item> items = new ArrayList<>();
    List<Path> toolFiles = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*-tools.jsonl")) {
      files.forEach(toolFiles::add);
    }
    toolFiles.sort(null);
    for (Path file : toolFiles) {
      String prefix = file.getFileName().toString().replace("-tools.jsonl", "");
      Map<String, ServerContext> contexts = new HashMap<>();
      Path servers = file.resolveSibling(prefix + "-servers.jsonl");
      if (Files.exists(servers)) {
        for (String line : Files.readAllLines(servers, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode node = Json.parse(line);
          String name = Json.text(node, "server");
          JsonNode about = node.path("server_yaml").path("about");
          contexts.put(name, new ServerContext(name, Json.text(about, "description")));
        }
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = Json.parse(line);
        ObjectNode tool = Json.object();
        node.fields()
            .forEachRemaining(
                e -> {
                  if (!e.getKey().equals("server") && !e.getKey().equals("source")) {
                    tool.set(e.getKey(), e.getValue());
                  }
                });
        String server = Json.text(node, "server");
        items.add(
            new Item(
                "corpus/" + prefix,
                ToolDefinition.of(tool),
                contexts.getOrDefault(server, new ServerContext(server, null))));
      }
    }
    return items;
  }

  /** Tool i's name and annotations with the description of tool i+step and schema of i+2·step. */
  private static List<Item> recombined(List<Item> items) {
    List<Item> out = new ArrayList<>();
    int size = items.size();
    for (int i = 0; i < size; i++) {
      Item named = items.get(i);
      Item described = items.get((int) ((i + (long) RECOMBINE_STEP) % size));
      Item schema = items.get((int) ((i + 2L * RECOMBINE_STEP) % size));
      ObjectNode json = named.tool().json().deepCopy();
      json.remove("description");
      json.remove("inputSchema");
      JsonNode description = described.tool().json().get("description");
      if (description != null) {
        json.set("description", description);
      }
      JsonNode input = schema.tool().json().get("inputSchema");
      if (input != null) {
        json.set("inputSchema", input);
      }
      out.add(new Item("recombined", ToolDefinition.of(json), described.context()));
    }
    return out;
  }

  /** Each name in camelCase, kebab-case, UPPER_CASE and with a digit suffix. */
  private static List<Item> restyled(List<Item> items) {
    List<Item> out = new ArrayList<>();
    for (Item item : items) {
      String name = item.tool().name();
      for (String variant :
          List.of(
              camel(name),
              name.replace('_', '-'),
              name.toUpperCase(Locale.ROOT),
              name + "2",
              "v2_" + name)) {
        if (variant.isEmpty() || variant.length() > ToolDefinition.MAX_NAME_LENGTH) {
          continue;
        }
        ObjectNode json = item.tool().json().deepCopy();
        json.put("name", variant);
        out.add(new Item("restyled", ToolDefinition.of(json), item.context()));
      }
    }
    return out;
  }

  private static String camel(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_' || c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static Path resource(String name) {
    try {
      return Path.of(AssessmentDump.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(name + " is not on the test classpath", e);
    }
  }
}
