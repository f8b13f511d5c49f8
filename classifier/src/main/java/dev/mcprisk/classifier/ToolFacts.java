package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.ToolAnnotations;
import dev.mcprisk.model.ToolDefinition;
import dev.mcprisk.text.IdentifierSplitter;
import dev.mcprisk.text.UntrustedText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a tool definition the classifier reads, extracted once: name words, description and
 * its first sentence, parameters in schema order, schema text, annotations and server words.
 *
 * @param name the tool name
 * @param nameWords {@link IdentifierSplitter#LEXICON} of the name
 * @param titleWords words of the title, empty when there is none
 * @param description the description with white space collapsed, cut to {@link
 *     Classifier#MAX_SCANNED_TEXT_CHARS}; empty when absent
 * @param rawText description plus every {@code description} string in the inputSchema, uncollapsed
 *     (for tool-poisoning patterns such as invisible characters)
 * @param firstSentence the description up to its first sentence end, at most {@link
 *     Classifier#MAX_FIRST_SENTENCE_CHARS}
 * @param parameters top-level inputSchema properties in schema order
 * @param required names of the inputSchema's {@code required} properties
 * @param annotations parsed annotations, never null
 * @param server the listing server's context, never null (its words: {@link #serverWords()})
 */
record ToolFacts(
    String name,
    List<String> nameWords,
    List<String> titleWords,
    String description,
    String rawText,
    String firstSentence,
    Map<String, JsonNode> parameters,
    Set<String> required,
    ToolAnnotations annotations,
    ServerContext server) {

  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)|\\s\\|\\s|:\\s*-");

  static ToolFacts of(ToolDefinition tool, ServerContext server) {
    ServerContext context = server == null ? ServerContext.NONE : server;
    String raw = tool.description() == null ? "" : tool.description();
    String description = cut(collapse(raw), Classifier.MAX_SCANNED_TEXT_CHARS);
    String title = tool.title();
    List<String> titleWords = title == null || title.equals(tool.name()) ? List.of() : words(title);
    Map<String, JsonNode> parameters = new LinkedHashMap<>();
    JsonNode schema = tool.inputSchema();
    JsonNode properties = schema == null ? null : schema.get("properties");
    if (properties != null && properties.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        parameters.put(field.getKey(), field.getValue());
      }
    }
    Set<String> required = new TreeSet<>();
    JsonNode requiredNode = schema == null ? null : schema.get("required");
    if (requiredNode != null && requiredNode.isArray()) {
      for (JsonNode name : requiredNode) {
        if (name.isTextual()) {
          required.add(name.asText());
        }
      }
    }
    StringBuilder text = new StringBuilder(raw);
    schemaDescriptions(schema, text, new int[] {0});
    return new ToolFacts(
        tool.name(),
        IdentifierSplitter.LEXICON.words(tool.name()),
        titleWords,
        description,
        cut(text.toString(), Classifier.MAX_SCANNED_TEXT_CHARS),
        firstSentence(description),
        parameters,
        Set.copyOf(required),
        tool.annotations(),
        context);
  }

  /** Lower-case words of {@code text} (letters and digits), in order; empty for null. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean wordChar = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
    }
    return words;
  }

  /**
   * The string values of {@code property}'s {@code enum}, then of its {@code items.enum}, in schema
   * order; empty when there are none or {@code property} is null.
   */
  static List<String> enumValues(JsonNode property) {
    List<String> values = new ArrayList<>();
    if (property == null) {
      return values;
    }
    for (JsonNode holder : new JsonNode[] {property, property.get("items")}) {
      JsonNode enumNode = holder == null ? null : holder.get("enum");
      if (enumNode != null && enumNode.isArray()) {
        for (JsonNode value : enumNode) {
          if (value.isTextual()) {
            values.add(value.asText());
          }
        }
      }
    }
    return values;
  }

  /** Lower-case words of the server's name and description; computed on each call. */
  List<String> serverWords() {
    List<String> words = new ArrayList<>(IdentifierSplitter.LEXICON.words(server.name()));
    words.addAll(words(cut(server.description(), Classifier.MAX_SCANNED_TEXT_CHARS)));
    return words;
  }

  List<String> firstSentenceWords() {
    return words(firstSentence);
  }

  List<String> descriptionWords() {
    return words(description);
  }

  boolean hasDescription() {
    return !description.isEmpty();
  }

  static String firstSentence(String description) {
    Matcher m = SENTENCE_END.matcher(description);
    int end = description.length();
    while (m.find()) {
      // "Notion | Retrieve a user": a leading label before '|' is not a sentence.
      if (m.group().contains("|") && m.start() < Classifier.MAX_LABEL_CHARS) {
        continue;
      }
      end = m.start() + (m.group().startsWith(".") ? 1 : 0);
      break;
    }
    String sentence = description.substring(0, end).strip();
    int bar = sentence.indexOf(" | ");
    if (bar >= 0 && bar < Classifier.MAX_LABEL_CHARS) {
      sentence = sentence.substring(bar + 3).strip();
    }
    return cut(sentence, Classifier.MAX_FIRST_SENTENCE_CHARS);
  }

  private static void schemaDescriptions(JsonNode node, StringBuilder out, int[] visited) {
    if (node == null || visited[0]++ > Classifier.MAX_SCHEMA_NODES) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("description") && field.getValue().isTextual()) {
          out.append('\n').append(field.getValue().asText());
        } else {
          schemaDescriptions(field.getValue(), out, visited);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        schemaDescriptions(child, out, visited);
      }
    }
  }

  /** {@code text} with every run of white space made one space, stripped; like {@code \\s+}. */
  static String collapse(String text) {
    String flat = isCollapsed(text) ? text : collapseSpaces(text);
    boolean clean =
        flat.isEmpty()
            || (!Character.isWhitespace(flat.charAt(0))
                && !Character.isWhitespace(flat.charAt(flat.length() - 1)));
    return clean ? flat : flat.strip();
  }

  /** Whether {@link #collapseSpaces} would return {@code text} unchanged (most descriptions). */
  private static boolean isCollapsed(String text) {
    int n = text.length();
    if (n > 0 && (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ')) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
        return false;
      }
      if (c == ' ' && text.charAt(i + 1) == ' ') {
        return false;
      }
    }
    return true;
  }

  private static String collapseSpaces(String text) {
    char[] out = new char[text.length()];
    int length = 0;
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
        space = length > 0;
      } else {
        if (space) {
          out[length++] = ' ';
          space = false;
        }
        out[length++] = c;
      }
    }
    return new String(out, 0, length);
  }

  /** At most {@code max} chars of {@code text}, cut between characters; "" for null. */
  static String cut(String text, int max) {
    return UntrustedText.prefix(text, max);
  }
}
