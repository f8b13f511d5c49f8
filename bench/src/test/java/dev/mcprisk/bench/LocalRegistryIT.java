package dev.mcprisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.crawler.registry.RegistryReadResult;
import dev.mcprisk.crawler.registry.RegistrySeedReader;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ServerEntry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalRegistryIT {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static SyntheticCatalogue catalogue;
  private static LocalWorld world;

  @BeforeAll
  static void start() throws Exception {
    catalogue = SyntheticCatalogue.generate(250, 11);
    world = LocalWorld.start(catalogue);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void pagesThroughEveryServerInNameOrderWithTheDefaultLimitOf30() throws Exception {
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = get(cursor == null ? "" : "cursor=" + encode(cursor));
      pages++;
      int count = page.get("servers").size();
      assertEquals(count, page.get("metadata").get("count").asInt());
      assertTrue(count <= LocalRegistry.DEFAULT_LIMIT);
      for (JsonNode item : page.get("servers")) {
        names.add(item.get("server").get("name").asText());
        JsonNode meta = item.get("_meta").get(LocalRegistry.OFFICIAL_META);
        assertEquals("active", meta.get("status").asText());
        assertTrue(meta.get("isLatest").asBoolean());
        assertTrue(meta.hasNonNull("publishedAt") && meta.hasNonNull("updatedAt"));
      }
      cursor = page.get("metadata").path("nextCursor").asText(null);
    } while (cursor != null);
    assertEquals(9, pages);
    assertEquals(250, names.size());
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(sorted, names);
    assertEquals(250, names.stream().distinct().count());
  }

  @Test
  void limitIsCappedAt100AndRemotesPointAtTheFleet() throws Exception {
    JsonNode page = get("limit=100&version=latest");
    assertEquals(100, page.get("servers").size());
    JsonNode server = page.get("servers").get(0).get("server");
    String url = server.get("remotes").get(0).get("url").asText();
    assertTrue(url.startsWith(world.fleetBaseUrl() + "/mcp/"), url);
    assertEquals(400, status("limit=101"));
    assertEquals(400, status("limit=0"));
    assertEquals(400, status("updated_since=yesterday"));
  }

  @Test
  void aPageIsReadWholeByTheProjectsRegistryReader() throws Exception {
    HttpResponse<String> response = send("limit=100&version=latest");
    RegistryReadResult read =
        RegistrySeedReader.read(
            "bench", new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    assertEquals(100, read.entries().size());
    assertEquals(List.of(), read.rejected());
    ServerEntry first = read.entries().get(0);
    assertEquals("active", first.status());
    assertEquals("streamable-http", first.remotes().get(0).type());
    assertTrue(first.remotes().get(0).url().startsWith(world.fleetBaseUrl() + "/mcp/"));
  }

  @Test
  void updatedSinceListsOnlyTheServersChangedAfterIt() throws Exception {
    SyntheticCatalogue next = catalogue.mutate(0.04, 5);
    world.switchTo(next);
    try {
      List<String> names = new ArrayList<>();
      String cursor = null;
      do {
        String query =
            "limit=3&updated_since="
                + encode(SyntheticCatalogue.EPOCH.toString())
                + (cursor == null ? "" : "&cursor=" + encode(cursor));
        JsonNode page = get(query);
        page.get("servers").forEach(s -> names.add(s.get("server").get("name").asText()));
        cursor = page.get("metadata").path("nextCursor").asText(null);
      } while (cursor != null);
      assertEquals(10, names.size());
      assertEquals(next.changedServers(), names);
      JsonNode none = get("updated_since=" + encode("2026-01-02T00:00:00Z"));
      assertEquals(0, none.get("servers").size());
      assertFalse(none.get("metadata").has("nextCursor"));
      assertTrue(
          world.registry().queries().stream().anyMatch(q -> q.startsWith("limit=3&updated_since")));
    } finally {
      world.switchTo(catalogue);
    }
  }

  private static JsonNode get(String query) throws Exception {
    HttpResponse<String> response = send(query);
    assertEquals(200, response.statusCode(), response.body());
    return Json.parse(response.body());
  }

  private static int status(String query) throws Exception {
    return send(query).statusCode();
  }

  private static HttpResponse<String> send(String query) throws Exception {
    URI uri =
        URI.create(
            world.registryBaseUrl()
                + LocalRegistry.SERVERS_PATH
                + (query.isEmpty() ? "" : "?" + query));
    return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
