package dev.mcprisk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The tool list of one synthetic server at one revision, as slots: generation 0 has slots {@code 0
 * .. count-1}; each revision {@code k} applies one change drawn from {@code (seed, server, k)}
 * (describe: a tool's description gains a sentence; add: a new slot at the end; remove: one slot
 * goes). A slot's tool is made from {@code (seed, server, slot)} only, so a change touches exactly
 * one tool. Names are made unique over every slot ever created, so a removal renames nothing.
 *
 * <p>Not thread-safe: one caller makes and uses an instance.
 */
final class ServerTools {

  private static final Set<String> READ_VERBS =
      Set.of("get", "list", "search", "read", "find", "query", "describe", "fetch", "retrieve");

  private enum Change {
    DESCRIBE,
    ADD,
    REMOVE
  }

  /** The name-bearing draws of one slot, made before the rest of the tool. */
  private record Draft(RealParts.Template template, List<String> words, SplittableRandom random) {}

  private final long seed;
  private final int server;
  private int[] live;
  private int[] describedAt;
  private int size;
  private int created;

  private ServerTools(long seed, int server, int count) {
    this.seed = seed;
    this.server = server;
    this.live = new int[count + 4];
    this.describedAt = new int[count + 4];
    for (int s = 0; s < count; s++) {
      live[s] = s;
    }
    this.size = count;
    this.created = count;
  }

  /** The tools of {@code server} after {@code revision} changes. */
  static ServerTools replay(long seed, int server, int revision) {
    ServerTools tools = new ServerTools(seed, server, baseCount(seed, server));
    for (int k = 1; k <= revision; k++) {
      tools.apply(k);
    }
    return tools;
  }

  /** Tools in generation 0, see {@link SyntheticCatalogue} for the distribution. */
  static int baseCount(long seed, int server) {
    SplittableRandom random = new SplittableRandom(Mix.of(seed, Mix.COUNT, server));
    if (random.nextDouble() < SyntheticCatalogue.TAIL_PROBABILITY) {
      double low = Math.log(SyntheticCatalogue.TAIL_MIN_TOOLS);
      double high = Math.log(SyntheticCatalogue.MAX_TOOLS_PER_SERVER);
      return (int) Math.exp(low + random.nextDouble() * (high - low));
    }
    // Box-Muller from two uniforms: the same on every JDK.
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    long count =
        Math.round(
            Math.exp(Math.log(SyntheticCatalogue.MEDIAN_TOOLS) + SyntheticCatalogue.SIGMA * z));
    return (int) Math.max(1, Math.min(SyntheticCatalogue.MAX_TOOLS_PER_SERVER, count));
  }

  /** The server's word (its name holds {@code <word>-mcp}). */
  static String word(long seed, int server) {
    List<String> words = RealParts.get().serverWords;
    return words.get(new SplittableRandom(Mix.of(seed, Mix.NAME, server)).nextInt(words.size()));
  }

  int size() {
    return size;
  }

  private void apply(int revision) {
    SplittableRandom random = new SplittableRandom(Mix.of(seed, Mix.MUTATION, server, revision));
    Change change = Change.values()[random.nextInt(Change.values().length)];
    if (change == Change.REMOVE && size == 1) {
      change = Change.DESCRIBE;
    }
    switch (change) {
      case DESCRIBE -> describedAt[random.nextInt(size)] = revision;
      case ADD -> {
        if (size == live.length) {
          live = Arrays.copyOf(live, size * 2);
          describedAt = Arrays.copyOf(describedAt, size * 2);
        }
        live[size] = created++;
        describedAt[size] = 0;
        size++;
      }
      case REMOVE -> {
        int at = random.nextInt(size);
        System.arraycopy(live, at + 1, live, at, size - at - 1);
        System.arraycopy(describedAt, at + 1, describedAt, at, size - at - 1);
        size--;
      }
    }
  }

  /** Tools at positions {@code from} (inclusive) to {@code to} (exclusive). */
  List<ObjectNode> materialise(int from, int to) {
    RealParts parts = RealParts.get();
    String word = word(seed, server);
    SplittableRandom styles = new SplittableRandom(Mix.of(seed, Mix.STYLE, server));
    double u = styles.nextDouble();
    Words.Style style =
        u < 0.6 ? Words.Style.SNAKE : u < 0.85 ? Words.Style.CAMEL : Words.Style.KEBAB;
    boolean prefixed = styles.nextDouble() < 0.2;
    String[] names = uniqueNames(parts, style, prefixed ? word : null);
    List<ObjectNode> out = new ArrayList<>(Math.max(0, to - from));
    for (int p = from; p < to; p++) {
      int slot = live[p];
      out.add(tool(parts, draft(parts, slot), names[slot], word, style, describedAt[p], slot));
    }
    return out;
  }

  private String[] uniqueNames(RealParts parts, Words.Style style, String prefix) {
    String[] names = new String[created];
    Set<String> seen = new HashSet<>();
    for (int slot = 0; slot < created; slot++) {
      List<String> words = new ArrayList<>(draft(parts, slot).words());
      if (prefix != null) {
        words.add(0, prefix);
      }
      String name = style.join(words);
      for (int k = 2; !seen.add(name); k++) {
        List<String> numbered = new ArrayList<>(words);
        numbered.add(Integer.toString(k));
        name = style.join(numbered);
      }
      names[slot] = name;
    }
    return names;
  }

  private Draft draft(RealParts parts, int slot) {
    SplittableRandom random = new SplittableRandom(Mix.of(seed, Mix.TOOL, server, slot));
    RealParts.Template template = parts.templates.get(random.nextInt(parts.templates.size()));
    String verb =
        random.nextBoolean()
            ? template.verb()
            : parts.verbs.get(random.nextInt(parts.verbs.size()));
    List<String> nouns =
        random.nextInt(10) < 3 && !template.nouns().isEmpty()
            ? template.nouns()
            : parts.nounPhrases.get(random.nextInt(parts.nounPhrases.size()));
    List<String> words = new ArrayList<>(nouns.size() + 1);
    words.add(verb);
    words.addAll(nouns);
    return new Draft(template, words, random);
  }

  private ObjectNode tool(
      RealParts parts,
      Draft draft,
      String name,
      String word,
      Words.Style style,
      int describedAtRevision,
      int slot) {
    SplittableRandom random = draft.random();
    ObjectNode source = draft.template().tool();
    List<String> words = draft.words();
    ObjectNode tool = Json.object();
    tool.put("name", name);
    if (source.has("title")) {
      tool.put("title", Words.title(words));
    }
    String description = description(parts, draft, word);
    if (describedAtRevision > 0) {
      SplittableRandom change =
          new SplittableRandom(Mix.of(seed, Mix.DESCRIPTION, server, slot, describedAtRevision));
      String sentence = parts.sentences.get(change.nextInt(parts.sentences.size()));
      description = description == null ? sentence : description + " " + sentence;
    }
    if (description != null) {
      tool.put("description", description);
    }
    tool.set("inputSchema", schema(parts, source.get("inputSchema"), style, random));
    if (source.has("outputSchema")) {
      tool.set("outputSchema", source.get("outputSchema"));
    }
    JsonNode annotations = source.get("annotations");
    if (annotations != null && annotations.isObject()) {
      if (random.nextInt(10) < 7) {
        ObjectNode copy = ((ObjectNode) annotations).deepCopy();
        if (copy.has("title")) {
          copy.put("title", Words.title(words));
        }
        tool.set("annotations", copy);
      }
    } else if (random.nextInt(10) < 2) {
      tool.putObject("annotations").put("readOnlyHint", READ_VERBS.contains(words.get(0)));
    }
    return tool;
  }

  /** A real description with the template's nouns and brand swapped for this tool's. */
  private static String description(RealParts parts, Draft draft, String word) {
    SplittableRandom random = draft.random();
    RealParts.Template template = draft.template();
    String real = Json.text(template.tool(), "description");
    List<String> nouns = draft.words().subList(1, draft.words().size());
    if (real == null || real.isBlank()) {
      if (random.nextInt(10) == 0) {
        return null;
      }
      return Words.capitalise(String.join(" ", draft.words())) + ".";
    }
    Map<String, String> replacements = new HashMap<>();
    for (String brand : template.brand()) {
      if (brand.length() >= 3) {
        replacements.put(brand, word);
      }
    }
    for (int i = 0; i < template.nouns().size(); i++) {
      String noun = template.nouns().get(i);
      if (noun.length() >= 3) {
        replacements.put(noun, nouns.get(Math.min(i, nouns.size() - 1)));
      }
    }
    String text = Words.substitute(real, replacements);
    double u = random.nextDouble();
    if (u < 0.15) {
      int end = text.indexOf(". ");
      return end > 0 ? text.substring(0, end + 1) : text;
    }
    if (u < 0.30) {
      return text + " " + parts.sentences.get(random.nextInt(parts.sentences.size()));
    }
    return text;
  }

  /**
   * A real inputSchema with about 30 % of its top-level properties renamed. Only the top level,
   * {@code properties} and {@code required} are new objects: property schemas are shared with the
   * template (read-only).
   */
  private static ObjectNode schema(
      RealParts parts, JsonNode real, Words.Style style, SplittableRandom random) {
    ObjectNode schema = Json.object();
    if (real == null || !real.isObject()) {
      schema.put("type", "object");
      schema.putObject("properties");
      return schema;
    }
    JsonNode properties = real.get("properties");
    Map<String, String> renamed = new HashMap<>();
    ObjectNode newProperties = null;
    if (properties != null && properties.isObject() && !properties.isEmpty()) {
      Words.Style propertyStyle = style == Words.Style.CAMEL ? style : Words.Style.SNAKE;
      newProperties = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        if (random.nextInt(10) < 3) {
          List<String> original = RealParts.words(name);
          String noun = parts.nounWords.get(random.nextInt(parts.nounWords.size()));
          String last = original.isEmpty() ? "value" : original.get(original.size() - 1);
          String candidate =
              propertyStyle.join(noun.equals(last) ? List.of(noun) : List.of(noun, last));
          if (!properties.has(candidate) && !newProperties.has(candidate)) {
            renamed.put(name, candidate);
            name = candidate;
          }
        }
        newProperties.set(name, field.getValue());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = real.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (field.getKey().equals("properties") && newProperties != null) {
        value = newProperties;
      } else if (field.getKey().equals("required") && value.isArray() && !renamed.isEmpty()) {
        ArrayNode names = Json.array();
        for (JsonNode item : value) {
          String newName = item.isTextual() ? renamed.get(item.asText()) : null;
          names.add(newName != null ? Json.MAPPER.getNodeFactory().textNode(newName) : item);
        }
        value = names;
      }
      schema.set(field.getKey(), value);
    }
    return schema;
  }
}
