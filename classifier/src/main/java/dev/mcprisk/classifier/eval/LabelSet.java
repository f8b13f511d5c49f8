package dev.mcprisk.classifier.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ToolDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A labelled set of real tools: a JSON Lines labels file, each line joined with the bundled {@code
 * tools/list} captures ({@link BundledListings#distinct()}) or carrying its tool itself.
 *
 * <p>Labels file format (classifier/src/test/resources/eval/README.md), one object per line, blank
 * lines ignored: {@code {"server": "<npm package>", "tool": "<name>", "category": "Read|Write|
 * Execute|Destructive|Financial|Other", "riskLevel": "Low|Medium|High|Critical", "split":
 * "dev|holdout", "note": "<optional>"}}. A line with a {@code definition} object (the tool as
 * listed: name, description, inputSchema, annotations) and an optional {@code serverDescription} is
 * self-contained and is not joined with the captures, so any labelled JSON Lines file of real tools
 * can be measured (the corpus labels, {@code corpus-labels.jsonl}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the labelled tools in file order
 */
public record LabelSet(List<LabelledTool> items) {
  /** Selection names accepted by {@link #select(String)}. */
  public static final List<String> SELECTIONS = List.of("dev", "holdout", "all");

  public LabelSet {
    items = List.copyOf(Objects.requireNonNull(items, "items == null"));
  }

  /**
   * Reads a labels file (UTF-8) and joins it with the bundled captures.
   *
   * @param labels path of the JSON Lines file
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file and line when a line is not a JSON object,
   *     misses a field, has an unknown category, risk level or split, names a (server, tool) pair
   *     that is not bundled (without a {@code definition}), has a {@code definition} that is not a
   *     tool object named as its {@code tool}, or repeats a pair
   */
  public static LabelSet load(Path labels) throws IOException {
    Objects.requireNonNull(labels, "labels == null");
    return parse(Files.readString(labels, StandardCharsets.UTF_8), labels.toString());
  }

  /**
   * Parses labels text and joins it with the bundled captures.
   *
   * @param text JSON Lines text
   * @param source a name for error messages, e.g. the file name
   * @throws IllegalArgumentException as {@link #load(Path)}
   */
  public static LabelSet parse(String text, String source) {
    Map<String, BundledListing> bundled = BundledListings.distinct();
    List<LabelledTool> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String where = source + ":" + lineNumber;
        LabelledTool item = item(line, where, bundled);
        if (!seen.add(BundledListings.key(item.server(), item.name()))) {
          throw new IllegalArgumentException(
              where + ": " + item.server() + " / " + item.name() + " is labelled twice");
        }
        items.add(item);
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return new LabelSet(items);
  }

  private static LabelledTool item(String line, String where, Map<String, BundledListing> bundled) {
    JsonNode node;
    try {
      node = Json.parse(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": not a JSON object");
    }
    String server = field(node, "server", where);
    String tool = field(node, "tool", where);
    ToolDefinition definition;
    ServerContext context;
    JsonNode inline = node.get("definition");
    if (inline != null) {
      definition = inlineDefinition(inline, tool, where);
      context = new ServerContext(server, Json.text(node, "serverDescription"));
    } else {
      BundledListing listing = bundled.get(BundledListings.key(server, tool));
      if (listing == null) {
        throw new IllegalArgumentException(
            where + ": no bundled tool '" + tool + "' of server '" + server + "'");
      }
      definition = listing.tool();
      context = listing.context();
    }
    try {
      return new LabelledTool(
          server,
          definition,
          context,
          Category.parse(field(node, "category", where)),
          RiskLevel.parse(field(node, "riskLevel", where)),
          Split.parse(field(node, "split", where)),
          Json.text(node, "note"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** The tool object of a line's {@code definition} field, whose name must be the line's tool. */
  private static ToolDefinition inlineDefinition(JsonNode inline, String tool, String where) {
    ToolDefinition definition;
    try {
      definition = ToolDefinition.of(inline);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": definition: " + e.getMessage(), e);
    }
    if (!definition.name().equals(tool)) {
      throw new IllegalArgumentException(
          where + ": definition names '" + definition.name() + "', not '" + tool + "'");
    }
    return definition;
  }

  private static String field(JsonNode node, String name, String where) {
    String value = Json.text(node, name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(where + ": field '" + name + "' is missing or blank");
    }
    return value;
  }

  /** The items of one split, in file order. */
  public List<LabelledTool> split(Split split) {
    Objects.requireNonNull(split, "split == null");
    return items.stream().filter(i -> i.split() == split).toList();
  }

  /**
   * The items of a selection: {@code dev}, {@code holdout} or {@code all} (case-insensitive).
   *
   * @throws IllegalArgumentException for any other selection
   */
  public List<LabelledTool> select(String selection) {
    String s = selection == null ? "" : selection.strip().toLowerCase(Locale.ROOT);
    if (s.equals("all")) {
      return items;
    }
    try {
      return split(Split.parse(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown split '" + selection + "' (expected dev, holdout or all)", e);
    }
  }
}
