package dev.mcprisk.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * MCP tool annotations (spec 2025-03-26 on, {@code Tool.annotations}). <b>Hints from an untrusted
 * server</b>: the classifier treats them as evidence and flags contradictions; nothing trusts them.
 *
 * <p>Each hint is null when the server did not set it; the spec's defaults (readOnlyHint false,
 * destructiveHint true, idempotentHint false, openWorldHint true) are not filled in, so absence
 * stays visible.
 *
 * @param title display title; may be null
 * @param readOnlyHint the tool does not modify its environment
 * @param destructiveHint the tool may perform destructive updates
 * @param idempotentHint repeated calls with the same arguments have no further effect
 * @param openWorldHint the tool interacts with an open world of external entities
 */
public record ToolAnnotations(
    String title,
    Boolean readOnlyHint,
    Boolean destructiveHint,
    Boolean idempotentHint,
    Boolean openWorldHint) {

  /** No annotations at all. */
  public static final ToolAnnotations NONE = new ToolAnnotations(null, null, null, null, null);

  /**
   * Reads annotations from a tool's {@code annotations} object; null or non-object gives {@link
   * #NONE}.
   */
  public static ToolAnnotations from(JsonNode node) {
    if (node == null || !node.isObject()) {
      return NONE;
    }
    JsonNode title = node.get("title");
    return new ToolAnnotations(
        title != null && title.isTextual() ? title.asText() : null,
        bool(node, "readOnlyHint"),
        bool(node, "destructiveHint"),
        bool(node, "idempotentHint"),
        bool(node, "openWorldHint"));
  }

  private static Boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isBoolean() ? value.booleanValue() : null;
  }
}
