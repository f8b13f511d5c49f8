package dev.mcprisk.classifier.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.classifier.ServerContext;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code tools/list} captures bundled in catalogue-data ({@link BundledData#TOOLS_LIST}),
 * read as tool listings with their server context.
 *
 * <p>Thread-safe: stateless; every call reads the bundled files again.
 */
public final class BundledListings {
  /** File-name suffix of the Streamable HTTP captures, ordered after the stdio captures. */
  public static final String STREAMABLE_HTTP_SUFFIX = ".streamableHttp.json";

  private BundledListings() {}

  /**
   * Every listing of every bundled capture, in INDEX order then listing order (394 listings).
   *
   * @throws UncheckedIOException when a bundled file cannot be read or parsed
   */
  public static List<BundledListing> all() {
    List<BundledListing> listings = new ArrayList<>();
    for (String file : BundledData.list(BundledData.TOOLS_LIST)) {
      listings.addAll(read(file));
    }
    return List.copyOf(listings);
  }

  /**
   * One listing per distinct (server, tool) pair: the first capture in file-name order, stdio
   * captures before {@code *.streamableHttp.json} (302 pairs).
   *
   * @return a map from {@code server + "/" + tool} to the listing, in that capture order
   * @throws UncheckedIOException when a bundled file cannot be read or parsed
   */
  public static Map<String, BundledListing> distinct() {
    List<String> files = new ArrayList<>(BundledData.list(BundledData.TOOLS_LIST));
    files.sort(
        Comparator.comparing((String f) -> f.endsWith(STREAMABLE_HTTP_SUFFIX))
            .thenComparing(Comparator.naturalOrder()));
    Map<String, BundledListing> byKey = new LinkedHashMap<>();
    for (String file : files) {
      for (BundledListing listing : read(file)) {
        byKey.putIfAbsent(key(listing.server(), listing.tool().name()), listing);
      }
    }
    return byKey;
  }

  /** The key of a (server, tool) pair in {@link #distinct()}. */
  public static String key(String server, String tool) {
    return server + "/" + tool;
  }

  private static List<BundledListing> read(String file) {
    try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, file)) {
      JsonNode root = Json.MAPPER.readTree(in);
      JsonNode info = root.path("initialize").path("serverInfo");
      String description = Json.text(info, "description");
      if (description == null) {
        description = Json.text(root.path("initialize"), "instructions");
      }
      String server = Json.text(root, "package");
      if (server == null) {
        server = file;
      }
      ServerContext context = new ServerContext(Json.text(info, "name"), description);
      List<BundledListing> listings = new ArrayList<>();
      for (JsonNode tool : root.path("tools_list").path("tools")) {
        listings.add(new BundledListing(file, server, context, ToolDefinition.of(tool)));
      }
      return listings;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled capture " + file, e);
    }
  }
}
