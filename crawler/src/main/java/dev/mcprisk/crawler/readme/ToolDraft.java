package dev.mcprisk.crawler.readme;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One tool being read from a README: its name, the text around it and the parameters listed under
 * it. Not thread-safe: one extraction owns it.
 */
final class ToolDraft {

  /** Most parameters kept per tool: 200. */
  static final int MAX_PARAMETERS = 200;

  /** Longest description kept: 4,000 characters. */
  static final int MAX_DESCRIPTION_CHARS = 4_000;

  private final String name;
  private String title = "";
  private String description = "";
  private final Map<String, ObjectNode> properties = new LinkedHashMap<>();
  private final Set<String> required = new LinkedHashSet<>();

  ToolDraft(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  boolean hasDescription() {
    return !description.isEmpty();
  }

  boolean hasParameters() {
    return !properties.isEmpty();
  }

  void title(String text) {
    if (title.isEmpty()) {
      title = clip(text);
    }
  }

  /** Sets the description unless one is set already. */
  void describe(String text) {
    if (description.isEmpty()) {
      description = clip(text);
    }
  }

  /** Sets the description, replacing a guessed one (an explicit "Description:" line). */
  void describeExplicitly(String text) {
    description = clip(text);
  }

  /** Adds a parameter unless one of that name is listed already or the cap is reached. */
  void parameter(ParameterText parameter) {
    if (properties.containsKey(parameter.name()) || properties.size() >= MAX_PARAMETERS) {
      return;
    }
    ObjectNode property = Json.object();
    if (!parameter.type().isEmpty()) {
      property.put("type", parameter.type());
    }
    if (!parameter.description().isEmpty()) {
      property.put("description", clip(parameter.description()));
    }
    properties.put(parameter.name(), property);
    if (parameter.required()) {
      required.add(parameter.name());
    }
  }

  /**
   * The tool: {@code name}, {@code title} when given, {@code description} (possibly empty) and an
   * {@code inputSchema} of type object with the listed parameters.
   */
  ToolDefinition toDefinition() {
    ObjectNode json = Json.object();
    json.put("name", name);
    if (!title.isEmpty()) {
      json.put("title", title);
    }
    json.put("description", description);
    ObjectNode schema = json.putObject("inputSchema");
    schema.put("type", "object");
    if (!properties.isEmpty()) {
      ObjectNode props = schema.putObject("properties");
      properties.forEach(props::set);
      ArrayNode list = schema.putArray("required");
      required.forEach(list::add);
    }
    return ToolDefinition.of(json);
  }

  private static String clip(String text) {
    String stripped = text.strip();
    return stripped.length() <= MAX_DESCRIPTION_CHARS
        ? stripped
        : stripped.substring(0, MAX_DESCRIPTION_CHARS);
  }
}
