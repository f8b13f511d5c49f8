package dev.mcprisk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The real parts the synthetic catalogue is built from, read once from {@link BundledData}: every
 * tool of the recorded {@code tools/list} answers (name split into a verb and noun words, its
 * description, inputSchema and annotations), the words of the registry's server names and its
 * server descriptions. Lists are in file order or sorted, never in hash order, so generation is
 * deterministic.
 *
 * <p>Thread-safe: immutable after construction; {@link #get()} is a lazy holder.
 */
final class RealParts {

  /** One real tool split into parts. */
  record Template(ObjectNode tool, String verb, List<String> nouns, List<String> brand) {}

  /** Name separators: snake, kebab, dot and camelCase boundaries. */
  private static final Pattern WORD_BOUNDARY =
      Pattern.compile("[_\\-.\\s]+|(?<=[a-z0-9])(?=[A-Z])");

  /** Longest server description the registry accepts: 100 chars (server.schema.json). */
  static final int MAX_SERVER_DESCRIPTION = 100;

  private static final class Holder {
    static final RealParts INSTANCE = load();
  }

  final List<Template> templates;
  final List<String> verbs;
  final List<List<String>> nounPhrases;
  final List<String> nounWords;
  final List<String> serverWords;
  final List<String> serverDescriptions;
  final List<String> sentences;

  private RealParts(
      List<Template> templates,
      List<String> verbs,
      List<List<String>> nounPhrases,
      List<String> nounWords,
      List<String> serverWords,
      List<String> serverDescriptions,
      List<String> sentences) {
    this.templates = templates;
    this.verbs = verbs;
    this.nounPhrases = nounPhrases;
    this.nounWords = nounWords;
    this.serverWords = serverWords;
    this.serverDescriptions = serverDescriptions;
    this.sentences = sentences;
  }

  static RealParts get() {
    return Holder.INSTANCE;
  }

  /** Lower-case words of an identifier in any style. */
  static List<String> words(String identifier) {
    List<String> out = new ArrayList<>();
    for (String part : WORD_BOUNDARY.split(identifier)) {
      String word = part.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }

  private static RealParts load() {
    List<Template> templates = new ArrayList<>();
    Set<String> verbs = new TreeSet<>();
    Set<List<String>> phrases = new TreeSet<>(RealParts::compareLists);
    Set<String> nounWords = new TreeSet<>();
    Set<String> sentences = new TreeSet<>();
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      JsonNode capture = read(BundledData.TOOLS_LIST, file);
      Set<String> brand = new TreeSet<>(words(capture.path("package").asText("")));
      brand.addAll(words(capture.path("initialize").path("serverInfo").path("name").asText("")));
      brand.removeAll(Set.of("mcp", "server", "modelcontextprotocol"));
      for (JsonNode tool : capture.path("tools_list").path("tools")) {
        if (!tool.isObject() || !tool.path("name").isTextual()) {
          continue;
        }
        List<String> words = words(tool.get("name").asText());
        while (words.size() > 1 && brand.contains(words.get(0))) {
          words = words.subList(1, words.size());
        }
        if (words.isEmpty()) {
          continue;
        }
        String verb = words.get(0);
        List<String> nouns = List.copyOf(words.subList(1, words.size()));
        templates.add(new Template((ObjectNode) tool, verb, nouns, List.copyOf(brand)));
        if (!nouns.isEmpty()) {
          verbs.add(verb);
          phrases.add(nouns);
          nounWords.addAll(nouns);
        }
        String description = tool.path("description").asText("");
        for (String sentence : description.split("(?<=\\.)\\s+")) {
          if (sentence.length() >= 20 && sentence.length() <= 200 && sentence.endsWith(".")) {
            sentences.add(sentence.strip());
          }
        }
      }
    }
    Set<String> serverWords = new TreeSet<>();
    Set<String> serverDescriptions = new TreeSet<>();
    for (String file : BundledData.list(BundledData.REGISTRY)) {
      JsonNode seed = read(BundledData.REGISTRY, file);
      for (JsonNode entry : seed) {
        JsonNode server = entry.has("server") ? entry.get("server") : entry;
        String name = server.path("name").asText("");
        String last = name.substring(name.indexOf('/') + 1);
        for (String word : words(last)) {
          if (word.length() >= 3 && !word.equals("mcp") && !word.equals("server")) {
            serverWords.add(word);
          }
        }
        String description = server.path("description").asText("").strip();
        if (!description.isEmpty() && description.length() <= MAX_SERVER_DESCRIPTION) {
          serverDescriptions.add(description);
        }
      }
    }
    return new RealParts(
        List.copyOf(templates),
        List.copyOf(verbs),
        List.copyOf(phrases),
        List.copyOf(nounWords),
        List.copyOf(serverWords),
        List.copyOf(serverDescriptions),
        List.copyOf(sentences));
  }

  private static int compareLists(List<String> a, List<String> b) {
    return String.join(" ", a).compareTo(String.join(" ", b));
  }

  private static JsonNode read(String folder, String file) {
    try (InputStream in = BundledData.open(folder, file)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled " + folder + "/" + file, e);
    }
  }
}
