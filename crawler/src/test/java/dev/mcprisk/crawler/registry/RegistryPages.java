package dev.mcprisk.crawler.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Registry API pages built from the real bundled registry data (catalogue-data's
 * dev/mcprisk/bundled/registry): the current server.json seed and the 2025-05-16 seed in the older
 * shape, each entry in the API envelope.
 */
final class RegistryPages {
  private RegistryPages() {}

  /** The entries of one bundled registry file, as JSON objects, in file order. */
  static List<JsonNode> bundled(String fileName) {
    try (InputStream in = BundledData.open(BundledData.REGISTRY, fileName)) {
      JsonNode root = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<JsonNode> out = new ArrayList<>();
      root.forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {"server": entry, "_meta": {official: {status, ...}}}}. */
  static ObjectNode wrap(JsonNode server, String status) {
    ObjectNode item = Json.object();
    item.set("server", server);
    ObjectNode official = item.putObject("_meta").putObject(RegistrySeedReader.OFFICIAL_META);
    official.put("status", status);
    official.put("publishedAt", "2025-09-01T00:00:00Z");
    official.put("updatedAt", "2026-11-01T00:00:00Z");
    official.put("isLatest", true);
    return item;
  }

  /** A list page: the items and, unless {@code nextCursor} is null, {@code metadata.nextCursor}. */
  static String page(List<? extends JsonNode> items, String nextCursor) {
    ObjectNode root = Json.object();
    ArrayNode servers = root.putArray("servers");
    items.forEach(servers::add);
    ObjectNode metadata = root.putObject("metadata");
    if (nextCursor != null) {
      metadata.put("nextCursor", nextCursor);
    }
    metadata.put("count", items.size());
    return Json.write(root);
  }
}
