package dev.mcprisk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import java.util.Objects;

/**
 * One MCP tool exactly as a server listed it ({@code tools/list} result, {@code Tool} object), kept
 * losslessly: {@link #json()} is the whole object, including fields this project does not know.
 *
 * <p>Source: MCP schema {@code Tool} (2024-11-05 .. 2026-07-28),
 * https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool.
 *
 * @param json the tool object as received; never null, must hold a string {@code name}
 */
public record ToolDefinition(ObjectNode json) {

  /** Longest tool name accepted: 1024 chars (the spec says 128; real servers exceed it). */
  public static final int MAX_NAME_LENGTH = 1024;

  public ToolDefinition {
    Objects.requireNonNull(json, "json == null");
    JsonNode name = json.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()) {
      throw new IllegalArgumentException("tool has no name (a non-empty string is required)");
    }
    if (name.asText().length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "tool name is "
              + name.asText().length()
              + " chars, over the limit of "
              + MAX_NAME_LENGTH);
    }
    json = json.deepCopy();
  }

  /**
   * Reads a tool object.
   *
   * @throws IllegalArgumentException when {@code node} is not an object with a non-empty string
   *     {@code name}
   */
  public static ToolDefinition of(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("tool is not a JSON object");
    }
    return new ToolDefinition((ObjectNode) node);
  }

  /** The tool name, case-sensitive. */
  public String name() {
    return json.get("name").asText();
  }

  /** {@code title}, else {@code annotations.title}, else null. */
  public String title() {
    String title = Json.text(json, "title");
    return title != null ? title : annotations().title();
  }

  /** {@code description}, or null when absent. */
  public String description() {
    return Json.text(json, "description");
  }

  /** {@code inputSchema}, or null when absent. */
  public JsonNode inputSchema() {
    return json.get("inputSchema");
  }

  /** {@code outputSchema}, or null when absent. */
  public JsonNode outputSchema() {
    return json.get("outputSchema");
  }

  /** The raw {@code annotations} object, or null when absent. */
  public JsonNode annotationsJson() {
    return json.get("annotations");
  }

  /** Parsed annotations; {@link ToolAnnotations#NONE} when absent. */
  public ToolAnnotations annotations() {
    return ToolAnnotations.from(json.get("annotations"));
  }

  /**
   * SHA-256 (lower-case hex) of the canonical JSON of name, title, description, inputSchema,
   * outputSchema and annotations (docs/design.md, "Identity and change"). Absent fields are left
   * out, so adding {@code "title": null} changes nothing but adding a title does.
   */
  public String definitionHash() {
    ObjectNode subset = Json.object();
    for (String field :
        new String[] {
          "name", "title", "description", "inputSchema", "outputSchema", "annotations"
        }) {
      JsonNode value = json.get(field);
      if (value != null && !value.isNull()) {
        subset.set(field, value);
      }
    }
    return Json.sha256Hex(Json.canonical(subset));
  }
}
