package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The real tool listings bundled in catalogue-data, read as the crawler recorded them. */
final class BundledTools {
  /** One listed tool with the file it came from and its server's context. */
  record Listing(String file, ServerContext server, ToolDefinition tool) {}

  private static final List<Listing> ALL = load();

  private BundledTools() {}

  /** Every tool of every bundled {@code tools-list} file, in INDEX then listing order. */
  static List<Listing> all() {
    return ALL;
  }

  private static List<Listing> load() {
    List<Listing> listings = new ArrayList<>();
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
        JsonNode root = Json.MAPPER.readTree(in);
        JsonNode info = root.path("initialize").path("serverInfo");
        String description = Json.text(info, "description");
        if (description == null) {
          description = Json.text(root.path("initialize"), "instructions");
        }
        ServerContext server = new ServerContext(Json.text(info, "name"), description);
        for (JsonNode tool : root.path("tools_list").path("tools")) {
          listings.add(new Listing(file, server, ToolDefinition.of(tool)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(listings);
  }

  /**
   * The first listing of {@code toolName} in a file whose name starts with {@code filePrefix}.
   *
   * @throws IllegalArgumentException when there is none
   */
  static Listing find(String filePrefix, String toolName) {
    for (Listing listing : all()) {
      if (listing.file().startsWith(filePrefix) && listing.tool().name().equals(toolName)) {
        return listing;
      }
    }
    throw new IllegalArgumentException("no bundled tool " + filePrefix + "/" + toolName);
  }
}
