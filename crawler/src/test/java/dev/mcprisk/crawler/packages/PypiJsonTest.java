package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written PyPI JSON fixtures (see src/test/resources/packages/SOURCES.md). */
class PypiJsonTest {

  private static byte[] fixture(String file) throws IOException {
    try (InputStream in = PypiJsonTest.class.getResourceAsStream("/packages/pypi/" + file)) {
      if (in == null) {
        throw new IOException("missing fixture " + file);
      }
      return in.readAllBytes();
    }
  }

  @Test
  void readsInfoAndTheMcpNameMarkerOfAnMcpServer() throws Exception {
    PypiPackageInfo info = PypiJson.parse(fixture("example-weather-mcp.json"));

    assertEquals("example-weather-mcp", info.name());
    assertEquals("0.3.1", info.version());
    assertEquals("An MCP server for weather forecasts and alerts", info.summary());
    assertTrue(info.description().contains("`get_forecast`"), info.description());
    assertFalse(info.descriptionTruncated());
    assertEquals("text/markdown", info.descriptionContentType());
    assertEquals(List.of("mcp", "weather", "model context protocol"), info.keywords());
    assertEquals(4, info.classifiers().size());
    assertEquals(
        Map.of(
            "Homepage", "https://github.com/example/weather-mcp",
            "Issues", "https://github.com/example/weather-mcp/issues"),
        info.projectUrls());
    assertEquals(
        List.of("httpx>=0.27", "mcp[cli]>=1.9.0", "pytest>=8; extra == \"dev\""),
        info.requiresDist());
    assertEquals("MIT", info.license());
    assertEquals("io.github.example/weather", info.mcpName());
    assertEquals(McpStrength.STRONG, info.evidence().strength());
    assertEquals("io.github.example/weather", info.evidence().serverName());
    assertEquals(
        List.of(
            "mcp-name 'io.github.example/weather'", "keyword 'mcp'", "requires 'mcp[cli]>=1.9.0'"),
        info.evidence().reasons());
  }

  @Test
  void aPackageWithMcpOnlyBehindAnExtraIsNotAnMcpServer() throws Exception {
    PypiPackageInfo info = PypiJson.parse(fixture("example-text-utils.json"));

    assertEquals("example-text-utils", info.name());
    assertEquals(List.of("string", "padding", "wrap"), info.keywords());
    assertEquals(Map.of(), info.projectUrls());
    assertEquals("https://example.org/text-utils", info.homePage());
    assertNull(info.mcpName());
    assertEquals(McpStrength.NONE, info.evidence().strength());
    assertEquals(PypiJson.MAX_LICENSE_CHARS + 3, info.license().length());
    assertTrue(info.license().startsWith("BSD 3-Clause License"), info.license());
  }

  @Test
  void classifiersAndNormalisedRequirementNamesAreMediumEvidence() {
    McpEvidence evidence =
        PypiJson.evidence(
            null,
            List.of("tools"),
            List.of("Framework :: MCP", "Topic :: Software Development"),
            List.of("FastMCP>=2.0", "mcpx>=1", "mcp_server_helpers"));

    assertEquals(McpStrength.MEDIUM, evidence.strength());
    assertEquals(
        List.of("classifier 'Framework :: MCP'", "requires 'FastMCP>=2.0'"), evidence.reasons());
  }

  @Test
  void theJsonApiUrlIsBuiltFromTheConfiguredBase() {
    assertEquals(
        URI.create("https://pypi.org/pypi/mcp-server-fetch/json"),
        PypiJson.url(PypiJson.DEFAULT_BASE, "mcp-server-fetch"));
    assertEquals(
        URI.create("http://127.0.0.1:8080/mirror/pypi/Example_Pkg.2/json"),
        PypiJson.url(URI.create("http://127.0.0.1:8080/mirror"), "Example_Pkg.2"));
    for (String bad : List.of("", "../x", "a/b", "-x", "x y")) {
      assertThrows(IllegalArgumentException.class, () -> PypiJson.url(PypiJson.DEFAULT_BASE, bad));
    }
  }

  @Test
  void theDescriptionIsTruncatedButTheMarkerIsFoundAnywhereInIt() throws Exception {
    ObjectNode root = Json.object();
    ObjectNode info = root.putObject("info");
    info.put("name", "late-marker");
    info.put("version", "1.0");
    info.put(
        "description",
        "x".repeat(PypiJson.MAX_DESCRIPTION_BYTES) + "\nmcp-name: io.github.someone/late-marker\n");

    PypiPackageInfo parsed = PypiJson.parse(Json.write(root).getBytes(StandardCharsets.UTF_8));

    assertTrue(parsed.descriptionTruncated());
    assertEquals(PypiJson.MAX_DESCRIPTION_BYTES, parsed.description().length());
    assertEquals("io.github.someone/late-marker", parsed.mcpName());
  }

  @Test
  void badDocumentsAreRefusedWithAReason() {
    Map<String, String> cases =
        Map.of(
            "nope", "PyPI JSON is not valid JSON: ",
            "\"text\"", "PyPI JSON is not a JSON object",
            "{\"releases\":{}}", "PyPI JSON has no info object",
            "{\"info\":{\"name\":\"x\"}}", "PyPI JSON info has no name or version");
    cases.forEach(
        (json, message) -> {
          PackageMetadataException e =
              assertThrows(
                  PackageMetadataException.class,
                  () -> PypiJson.parse(json.getBytes(StandardCharsets.UTF_8)),
                  json);
          assertTrue(e.getMessage().startsWith(message), json + " -> " + e.getMessage());
        });
    PackageMetadataException huge =
        assertThrows(
            PackageMetadataException.class,
            () -> PypiJson.parse(new byte[PypiJson.MAX_JSON_BYTES + 1]));
    assertTrue(huge.getMessage().startsWith("PyPI JSON is 33554433 bytes"), huge.getMessage());
  }
}
