package dev.mcprisk.crawler.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.io.IOException;

/**
 * Parses one JSON-RPC message with a nesting bound chosen per crawl ({@link
 * CrawlLimits#maxJsonDepth()}), into the project mapper's trees.
 *
 * <p>Thread-safe: immutable.
 */
final class BoundedJson {

  /** What {@link #parse} found. */
  enum Kind {
    /** A JSON object. */
    OBJECT,
    /** A JSON array: a JSON-RPC batch (JSON-RPC 2.0 section 6), its elements not yet checked. */
    BATCH,
    /** Not JSON, or JSON that is neither an object nor an array: noise. */
    NOT_JSON,
    /** JSON over a read constraint (nesting depth, string length). */
    TOO_DEEP
  }

  /**
   * One parse result; {@code node} only for {@link Kind#OBJECT} and {@link Kind#BATCH}, {@code
   * detail} otherwise.
   */
  record Parsed(Kind kind, JsonNode node, String detail) {}

  private final JsonFactory factory;
  private final int maxDepth;

  BoundedJson(int maxDepth) {
    this.maxDepth = maxDepth;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(Json.MAX_STRING_LENGTH)
                    .build())
            .build();
  }

  Parsed parse(String text) {
    try (JsonParser parser = factory.createParser(text)) {
      JsonNode node = Json.MAPPER.readTree(parser);
      if (node != null && (node.isObject() || node.isArray()) && parser.nextToken() == null) {
        return new Parsed(node.isObject() ? Kind.OBJECT : Kind.BATCH, node, "");
      }
      return new Parsed(Kind.NOT_JSON, null, "not a JSON object or array");
    } catch (StreamConstraintsException e) {
      return new Parsed(
          Kind.TOO_DEEP,
          null,
          "a message nests deeper than " + maxDepth + " levels or is too long");
    } catch (JsonProcessingException e) {
      return new Parsed(Kind.NOT_JSON, null, e.getOriginalMessage());
    } catch (IOException e) {
      return new Parsed(Kind.NOT_JSON, null, String.valueOf(e.getMessage()));
    }
  }
}
