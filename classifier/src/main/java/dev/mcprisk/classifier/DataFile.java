package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one of the classifier's JSON data files from the classpath and checks its fields, naming
 * the file and the field in every error. Not thread-safe; used only while loading.
 */
final class DataFile {
  /** Classpath folder of the data files. */
  static final String RESOURCE_FOLDER = "/dev/mcprisk/classifier/";

  /**
   * Flags of every regex in the data files: case-insensitive for ASCII letters. The rules' letters
   * are ASCII; leaving out UNICODE_CASE keeps matching several times faster.
   */
  static final int REGEX_FLAGS = Pattern.CASE_INSENSITIVE;

  private final String name;
  private final JsonNode root;

  private DataFile(String name, JsonNode root) {
    this.name = name;
    this.root = root;
  }

  /**
   * Loads {@code RESOURCE_FOLDER + fileName}.
   *
   * @throws IllegalStateException when the file is missing or not a JSON object
   */
  static DataFile load(String fileName) {
    String path = RESOURCE_FOLDER + fileName;
    try (InputStream in = DataFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("classifier data file " + path + " is missing");
      }
      JsonNode root = Json.MAPPER.readTree(in);
      if (root == null || !root.isObject()) {
        throw new IllegalStateException("classifier data file " + path + " is not a JSON object");
      }
      return new DataFile(path, root);
    } catch (IOException e) {
      throw new IllegalStateException(
          "classifier data file " + path + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Wraps an already parsed tree (tests build bad files this way). */
  static DataFile of(String name, JsonNode root) {
    return new DataFile(name, root);
  }

  JsonNode root() {
    return root;
  }

  IllegalStateException error(String where, String problem) {
    return new IllegalStateException(
        "classifier data file " + name + ", " + where + ": " + problem);
  }

  JsonNode required(JsonNode parent, String field, String where) {
    JsonNode value = parent == null ? null : parent.get(field);
    if (value == null || value.isNull()) {
      throw error(where, "field '" + field + "' is missing");
    }
    return value;
  }

  String text(JsonNode parent, String field, String where) {
    JsonNode value = required(parent, field, where);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw error(where, "field '" + field + "' must be a non-blank string");
    }
    return value.asText();
  }

  List<String> strings(JsonNode parent, String field, String where) {
    JsonNode value = required(parent, field, where);
    if (!value.isArray()) {
      throw error(where, "field '" + field + "' must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw error(where, "field '" + field + "' holds a non-string or blank item");
      }
      out.add(item.asText());
    }
    return List.copyOf(out);
  }

  List<String> optionalStrings(JsonNode parent, String field, String where) {
    JsonNode value = parent.get(field);
    return value == null || value.isNull() ? List.of() : strings(parent, field, where);
  }

  List<JsonNode> objects(JsonNode parent, String field, String where) {
    JsonNode value = required(parent, field, where);
    if (!value.isArray()) {
      throw error(where, "field '" + field + "' must be an array of objects");
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isObject()) {
        throw error(where, "field '" + field + "' holds a non-object item");
      }
      out.add(item);
    }
    return out;
  }

  int integer(JsonNode parent, String field, String where) {
    JsonNode value = required(parent, field, where);
    if (!value.isInt()) {
      throw error(where, "field '" + field + "' must be an integer");
    }
    return value.intValue();
  }

  Category category(JsonNode parent, String field, String where) {
    String text = text(parent, field, where);
    try {
      return Category.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(where, e.getMessage());
    }
  }

  RiskLevel level(JsonNode parent, String field, String where) {
    String text = text(parent, field, where);
    try {
      return RiskLevel.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(where, e.getMessage());
    }
  }

  Pattern regex(JsonNode parent, String field, String where) {
    String text = text(parent, field, where);
    try {
      return Pattern.compile(text, REGEX_FLAGS);
    } catch (PatternSyntaxException e) {
      throw error(where, "bad regex in '" + field + "': " + e.getDescription());
    }
  }
}
