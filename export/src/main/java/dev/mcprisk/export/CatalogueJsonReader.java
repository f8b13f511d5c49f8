package dev.mcprisk.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads {@code catalogue.json} and {@code catalogue.ndjson} back into records, streaming: one
 * server at a time. Fields it does not know are ignored, so files written by later versions of
 * schema version "1" still read; fields that are absent read as null (or empty lists).
 *
 * <p>Source: the shape in {@link CatalogueJsonWriter}. Limits are those of {@link Json#MAPPER}
 * (nesting depth, string length).
 *
 * <p>Thread-safe: stateless.
 */
public final class CatalogueJsonReader {
  private static final Set<String> HEADER_FIELDS =
      Set.of("schemaVersion", "generatedAt", "classifierVersion", "policyProfile");

  private CatalogueJsonReader() {}

  /**
   * Reads a whole {@code catalogue.json} into memory.
   *
   * @throws IOException when the file cannot be read, is not JSON, or lacks a required field
   */
  public static CatalogueDocument read(Path file) throws IOException {
    List<ExportedServer> servers = new ArrayList<>();
    CatalogueHeader header = forEachServer(file, servers::add);
    return new CatalogueDocument(header, servers);
  }

  /**
   * Streams the servers of a {@code catalogue.json} to {@code each}, in file order.
   *
   * @return the top-level fields
   * @throws IOException when the file cannot be read, is not JSON, or lacks a required field
   */
  public static CatalogueHeader forEachServer(Path file, Consumer<ExportedServer> each)
      throws IOException {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(each, "each == null");
    ObjectNode header = Json.object();
    try (JsonParser parser = Json.MAPPER.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(file + ": a catalogue must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("servers") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept(parser.readValueAs(ExportedServer.class));
          }
        } else if (HEADER_FIELDS.contains(field)) {
          header.set(field, parser.readValueAsTree());
        } else {
          parser.skipChildren();
        }
      }
    }
    return header(file, header);
  }

  /**
   * Streams the servers of a {@code catalogue.ndjson} to {@code each}: the first line is the
   * header, every further non-empty line one server.
   *
   * @return the header line's fields
   * @throws IOException when the file cannot be read, a line is not JSON, or the header lacks a
   *     required field
   */
  public static CatalogueHeader forEachNdjsonServer(Path file, Consumer<ExportedServer> each)
      throws IOException {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(each, "each == null");
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = lines.readLine();
      if (first == null) {
        throw new IOException(file + ": empty file, expected a header line");
      }
      CatalogueHeader header = header(file, Json.parse(first));
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          each.accept(Json.MAPPER.readValue(line, ExportedServer.class));
        }
      }
      return header;
    }
  }

  private static CatalogueHeader header(Path file, JsonNode node) throws IOException {
    try {
      return Json.MAPPER.treeToValue(node, CatalogueHeader.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ": bad catalogue header: " + e.getMessage(), e);
    }
  }
}
