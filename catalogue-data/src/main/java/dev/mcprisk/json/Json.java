package dev.mcprisk.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The project's one Jackson {@link JsonMapper}, configured once, plus canonical JSON and hashing.
 *
 * <p>Thread-safe: the mapper, readers and writers here are immutable after class initialisation.
 */
public final class Json {
  /** Deepest nesting accepted in any JSON we read: 200 levels (Jackson's default is 1000). */
  public static final int MAX_NESTING_DEPTH = 200;

  /** Longest single string accepted in any JSON we read: 8 MiB (in chars). */
  public static final int MAX_STRING_LENGTH = 8 * 1024 * 1024;

  /** The shared mapper: ISO-8601 dates, unknown properties ignored, bounded nesting. */
  public static final JsonMapper MAPPER = newMapper();

  private static final ObjectWriter COMPACT = MAPPER.writer();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /**
   * The mapper. Field names are not canonicalized ({@code JsonFactory.Feature
   * CANONICALIZE_FIELD_NAMES} off): tool schemas from tens of thousands of servers bring hundreds
   * of thousands of distinct property names, which kept Jackson's shared symbol table at its reuse
   * limit, so that nearly every parse copied the whole table. Reading the 500,000 definitions of
   * the 43,000-server benchmark allocated about 10 GB for that alone (JFR), and turning it off cut
   * 6–13 s of CPU from a read of the whole catalogue.
   */
  private static JsonMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new empty array node. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Compact JSON text of {@code value} (no insignificant white space). */
  public static String write(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Indented JSON text of {@code value}, for files people read. */
  public static String writePretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text into a tree.
   *
   * @throws JsonProcessingException when {@code text} is not JSON or exceeds the read constraints
   */
  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /**
   * Canonical JSON: object keys sorted by UTF-16 code unit order at every level, arrays kept in
   * order, no insignificant white space. Used for definition hashes (docs/design.md, "Identity and
   * change").
   */
  public static String canonical(JsonNode node) {
    return write(sorted(node));
  }

  private static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      Iterator<String> it = node.fieldNames();
      it.forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = object();
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = array();
      node.forEach(child -> out.add(sorted(child)));
      return out;
    }
    return node;
  }

  /** Lower-case hex SHA-256 of {@code text} encoded as UTF-8. */
  public static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The text of a field if it is a JSON string, else null. */
  public static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
