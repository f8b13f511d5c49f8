package dev.mcprisk.crawler.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.crawler.mcp.StdioServerSpec;
import dev.mcprisk.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceServersTest {

  @TempDir Path temp;

  @Test
  void bundledManifestsPinEveryPackageToTheExactVersion() throws Exception {
    JsonNode manifest = resource("package.json");
    JsonNode lock = resource("package-lock.json");
    for (ReferenceServers.Pinned pinned : ReferenceServers.PACKAGES) {
      assertEquals(
          ReferenceServers.PINNED_VERSION,
          manifest.get("dependencies").get(pinned.name()).asText());
      assertEquals(
          ReferenceServers.PINNED_VERSION,
          lock.get("packages").get("node_modules/" + pinned.name()).get("version").asText());
    }
    assertEquals(4, manifest.get("dependencies").size());
  }

  @Test
  void specsStartEachServerWithNodeAndConfineItsWrites() {
    Path servers = temp.resolve("servers");
    Path scratch = temp.resolve("scratch");

    List<StdioServerSpec> specs = ReferenceServers.specs(servers, scratch);

    assertEquals(
        List.of(
            "npm:@modelcontextprotocol/server-everything",
            "npm:@modelcontextprotocol/server-filesystem",
            "npm:@modelcontextprotocol/server-memory",
            "npm:@modelcontextprotocol/server-sequential-thinking"),
        specs.stream().map(StdioServerSpec::serverId).toList());
    StdioServerSpec everything = specs.get(0);
    assertEquals(
        servers
            .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
            .toString(),
        everything.command().get(1));
    assertEquals("stdio", everything.command().get(2));
    assertTrue(everything.writablePaths().isEmpty());
    assertTrue(everything.readOnlyPaths().contains(servers));
    StdioServerSpec filesystem = specs.get(1);
    Path allowed = scratch.resolve(ReferenceServers.FILESYSTEM_DIR);
    assertEquals(allowed.toString(), filesystem.command().get(2));
    assertEquals(List.of(allowed), filesystem.writablePaths());
    assertTrue(Files.isDirectory(allowed));
    StdioServerSpec memory = specs.get(2);
    Path memoryDir = scratch.resolve(ReferenceServers.MEMORY_DIR);
    assertEquals(
        Map.of("MEMORY_FILE_PATH", memoryDir.resolve("memory.jsonl").toString()),
        memory.environment());
    assertEquals(List.of(memoryDir), memory.writablePaths());
    assertEquals(2, specs.get(3).command().size());
  }

  @Test
  void withoutNetworkAMissingInstallIsReportedNotAttempted() {
    InstallResult result = ReferenceServers.ensureInstalled(temp, false);

    assertFalse(result.ok());
    assertTrue(
        result.reason().startsWith("@modelcontextprotocol/server-everything is not installed"),
        result.reason());
    assertTrue(result.reason().endsWith("(network not allowed, not installing)"), result.reason());
    assertFalse(Files.exists(temp.resolve("node_modules")));
  }

  @Test
  void aWrongInstalledVersionIsNotAccepted() throws Exception {
    for (ReferenceServers.Pinned pinned : ReferenceServers.PACKAGES) {
      Path dir = temp.resolve("node_modules").resolve(pinned.name());
      Files.createDirectories(dir);
      String version =
          pinned.name().endsWith("memory") ? "2025.1.1" : ReferenceServers.PINNED_VERSION;
      Files.writeString(dir.resolve("package.json"), "{\"version\":\"" + version + "\"}");
    }

    InstallResult result = ReferenceServers.ensureInstalled(temp, false);

    assertFalse(result.ok());
    assertTrue(
        result
            .reason()
            .startsWith("@modelcontextprotocol/server-memory is 2025.1.1, not 2026.8.31"),
        result.reason());
  }

  private static JsonNode resource(String name) throws Exception {
    try (InputStream in =
        ReferenceServers.class.getResourceAsStream("/dev/mcprisk/crawler/reference/" + name)) {
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
