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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real packuments (trimmed; see src/test/resources/packages/SOURCES.md) and edge cases. */
class NpmPackumentTest {

  static byte[] fixture(String file) throws IOException {
    try (InputStream in = NpmPackumentTest.class.getResourceAsStream("/packages/npm/" + file)) {
      if (in == null) {
        throw new IOException("missing fixture " + file);
      }
      return in.readAllBytes();
    }
  }

  @Test
  void readsTheLatestVersionOfARealMcpServerWithMcpNameAsStrongEvidence() throws Exception {
    NpmPackageInfo info = NpmPackument.parse(fixture("modelcontextprotocol__server-memory.json"));

    assertEquals("@modelcontextprotocol/server-memory", info.name());
    assertEquals("2026.8.31", info.latestVersion());
    assertEquals(
        "MCP server for enabling memory for Claude through a knowledge graph", info.description());
    assertEquals("https://github.com/modelcontextprotocol/servers", info.repositoryUrl());
    assertEquals("SEE LICENSE IN LICENSE", info.license());
    assertEquals("https://modelcontextprotocol.io", info.homepage());
    assertEquals(Instant.parse("2026-09-01T22:46:36.382Z"), info.publishedAt());
    assertEquals("io.github.modelcontextprotocol/server-memory", info.mcpName());
    assertEquals(Map.of("@modelcontextprotocol/sdk", "^1.30.0"), info.dependencies());
    assertEquals(McpStrength.STRONG, info.evidence().strength());
    assertEquals("io.github.modelcontextprotocol/server-memory", info.evidence().serverName());
    assertEquals(
        List.of(
            "mcpName 'io.github.modelcontextprotocol/server-memory'",
            "depends on @modelcontextprotocol/sdk '^1.30.0'"),
        info.evidence().reasons());
    assertNull(info.readme(), "the mirror these fixtures come from serves no README");
    assertNull(info.deprecated());
  }

  @Test
  void everyRealMcpFixtureIsAnMcpServerAndLeftPadIsNot() throws Exception {
    Map<String, McpStrength> expected =
        Map.of(
            "modelcontextprotocol__server-memory.json", McpStrength.STRONG,
            "upstash__context7-mcp.json", McpStrength.STRONG,
            "mongodb-mcp-server.json", McpStrength.STRONG,
            "playwright__mcp.json", McpStrength.STRONG,
            "notionhq__notion-mcp-server.json", McpStrength.MEDIUM,
            "left-pad.json", McpStrength.NONE);
    for (Map.Entry<String, McpStrength> e : expected.entrySet()) {
      McpEvidence evidence = NpmPackument.parse(fixture(e.getKey())).evidence();
      assertEquals(e.getValue(), evidence.strength(), e.getKey() + ": " + evidence.reasons());
      assertEquals(e.getValue() != McpStrength.NONE, evidence.isMcpServer(), e.getKey());
    }
  }

  @Test
  void keywordsAndTheSdkDependencyAreMediumEvidenceWithOneReasonEach() throws Exception {
    NpmPackageInfo notion = NpmPackument.parse(fixture("notionhq__notion-mcp-server.json"));

    assertEquals(List.of("notion", "api", "mcp", "server"), notion.keywords());
    assertNull(notion.mcpName());
    assertEquals(
        List.of("keyword 'mcp'", "depends on @modelcontextprotocol/sdk '^1.29.0'"),
        notion.evidence().reasons());
    assertEquals("https://github.com/makenotion/notion-mcp-server", notion.repositoryUrl());
  }

  @Test
  void aNonMcpPackageHasNoEvidenceAndItsScpStyleRepositoryIsNormalised() throws Exception {
    NpmPackageInfo leftPad = NpmPackument.parse(fixture("left-pad.json"));

    assertEquals("left-pad", leftPad.name());
    assertEquals("1.3.0", leftPad.latestVersion());
    assertEquals("https://github.com/stevemao/left-pad", leftPad.repositoryUrl());
    assertEquals("WTFPL", leftPad.license());
    assertEquals(McpStrength.NONE, leftPad.evidence().strength());
    assertEquals(List.of(), leftPad.evidence().reasons());
    assertTrue(leftPad.dependencies().isEmpty());
    assertEquals(Instant.parse("2024-09-05T00:40:51.026Z"), leftPad.publishedAt());
  }

  @Test
  void repositoryFormsBecomeBrowsableHttpsUrls() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry(
                "git+https://github.com/upstash/context7.git",
                "https://github.com/upstash/context7"),
            Map.entry("git://github.com/o/r.git", "https://github.com/o/r"),
            Map.entry("git+ssh://git@github.com/o/r.git", "https://github.com/o/r"),
            Map.entry("git@gitlab.com:group/sub/r.git", "https://gitlab.com/group/sub/r"),
            Map.entry("github:owner/repo", "https://github.com/owner/repo"),
            Map.entry("gitlab:owner/repo", "https://gitlab.com/owner/repo"),
            Map.entry("bitbucket:owner/repo", "https://bitbucket.org/owner/repo"),
            Map.entry("owner/repo", "https://github.com/owner/repo"),
            Map.entry("https://GitHub.com/o/r/", "https://github.com/o/r"),
            Map.entry("https://github.com/o/r.git#main", "https://github.com/o/r"));
    cases.forEach((raw, url) -> assertEquals(url, RepositoryUrls.normalise(raw), raw));
    assertNull(RepositoryUrls.normalise("not a repository"));
    assertNull(RepositoryUrls.normalise(" "));
  }

  @Test
  void theReadmeIsCutTo64KibOfUtf8WithoutSplittingACharacter() throws Exception {
    String emoji = "\uD83D\uDE00"; // 4 bytes in UTF-8, 2 chars in Java
    String readme = "a".repeat(NpmPackument.MAX_README_BYTES - 2) + emoji + "tail";

    NpmPackageInfo info = NpmPackument.parse(packument("x", "1.0.0", readme));

    assertTrue(info.readmeTruncated());
    assertEquals("a".repeat(NpmPackument.MAX_README_BYTES - 2), info.readme());

    String fits = "é".repeat(NpmPackument.MAX_README_BYTES / 2);
    NpmPackageInfo whole = NpmPackument.parse(packument("x", "1.0.0", fits));
    assertFalse(whole.readmeTruncated());
    assertEquals(fits, whole.readme());
    assertEquals(
        NpmPackument.MAX_README_BYTES, whole.readme().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void npmsNoReadmeMarkerIsNoReadme() throws Exception {
    NpmPackageInfo info =
        NpmPackument.parse(packument("x", "1.0.0", "ERROR: No README data found!"));

    assertNull(info.readme());
    assertFalse(info.readmeTruncated());
  }

  @Test
  void distTagsAfterVersionsStillFindTheLatestVersion() throws Exception {
    String json =
        "{\"name\":\"late\",\"versions\":{\"1.0.0\":{\"description\":\"old\"},"
            + "\"2.0.0\":{\"description\":\"new\",\"mcpName\":\"io.github.x/late\"}},"
            + "\"dist-tags\":{\"latest\":\"2.0.0\"},\"time\":{\"2.0.0\":\"2026-01-02T03:04:05Z\"}}";

    NpmPackageInfo info = NpmPackument.parse(json.getBytes(StandardCharsets.UTF_8));

    assertEquals("new", info.description());
    assertEquals("io.github.x/late", info.mcpName());
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), info.publishedAt());
  }

  @Test
  void topLevelFieldsFillInWhatTheLatestVersionLacks() throws Exception {
    String json =
        "{\"name\":\"top\",\"description\":\"top description\",\"keywords\":[\"MCP\"],"
            + "\"repository\":\"github:o/top\",\"license\":{\"type\":\"ISC\"},"
            + "\"dist-tags\":{\"latest\":\"1.0.0\"},\"versions\":{\"1.0.0\":{}}}";

    NpmPackageInfo info = NpmPackument.parse(json.getBytes(StandardCharsets.UTF_8));

    assertEquals("top description", info.description());
    assertEquals(List.of("MCP"), info.keywords());
    assertEquals("https://github.com/o/top", info.repositoryUrl());
    assertEquals("ISC", info.license());
    assertEquals(List.of("keyword 'MCP'"), info.evidence().reasons());
    assertNull(info.publishedAt());
  }

  @Test
  void badDocumentsAreRefusedWithAReason() {
    Map<String, String> cases =
        Map.of(
            "{not json", "packument is not valid JSON: ",
            "[]", "packument is not a JSON object",
            "{\"dist-tags\":{\"latest\":\"1.0.0\"}}", "packument has no name",
            "{\"name\":\"gone\",\"time\":{\"unpublished\":{}}}",
                "packument of 'gone' has no dist-tags.latest (unpublished?)",
            "{\"name\":\"x\",\"dist-tags\":{\"latest\":\"2.0.0\"},\"versions\":{\"1.0.0\":{}}}",
                "packument of 'x' lacks versions['2.0.0']",
            "{\"name\":\"x\",\"dist-tags\":{\"latest\":\"1.0.0\"},\"versions\":{\"1.0.0\":{}}",
                "packument is not valid JSON: ");
    cases.forEach(
        (json, message) -> {
          PackageMetadataException e =
              assertThrows(
                  PackageMetadataException.class,
                  () -> NpmPackument.parse(json.getBytes(StandardCharsets.UTF_8)),
                  json);
          assertTrue(e.getMessage().startsWith(message), json + " -> " + e.getMessage());
        });
  }

  @Test
  void aPackumentOverTheCapIsRefusedBeforeParsing() {
    byte[] huge = new byte[NpmPackument.MAX_PACKUMENT_BYTES + 1];

    PackageMetadataException e =
        assertThrows(PackageMetadataException.class, () -> NpmPackument.parse(huge));

    assertEquals("packument is 33554433 bytes, over the cap of 33554432", e.getMessage());
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "{\"name\":\"x\",\"junk\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";

    PackageMetadataException e =
        assertThrows(
            PackageMetadataException.class,
            () -> NpmPackument.parse(deep.getBytes(StandardCharsets.UTF_8)));

    assertTrue(e.getMessage().startsWith("packument is not valid JSON: "), e.getMessage());
  }

  @Test
  void manyVersionsAreSkippedAndOnlyTheLatestIsRead() throws Exception {
    ObjectNode root = Json.object();
    root.put("name", "many");
    root.putObject("dist-tags").put("latest", "1.0.4999");
    ObjectNode versions = root.putObject("versions");
    for (int i = 0; i < 5_000; i++) {
      ObjectNode v = versions.putObject("1.0." + i);
      v.put("description", "version " + i + " " + "x".repeat(1_000));
      v.putObject("dependencies").put("dep-" + i, "^1.0.0");
    }
    byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);

    long start = System.nanoTime();
    NpmPackageInfo info = NpmPackument.parse(json);
    long ms = (System.nanoTime() - start) / 1_000_000;

    System.out.printf("parsed a %d-byte packument of 5,000 versions in %d ms%n", json.length, ms);
    assertEquals("1.0.4999", info.latestVersion());
    assertEquals(Map.of("dep-4999", "^1.0.0"), info.dependencies());
  }

  @Test
  void scopedNamesAreEscapedForRegistryUrls() {
    assertEquals("@upstash%2fcontext7-mcp", NpmNames.escape("@upstash/context7-mcp"));
    assertEquals("left-pad", NpmNames.escape("left-pad"));
    assertEquals("@upstash", NpmNames.scope("@upstash/context7-mcp"));
    assertNull(NpmNames.scope("left-pad"));
    for (String bad : List.of("", "../etc", "a/b", "@scope/", "with space", "x".repeat(215))) {
      assertFalse(NpmNames.isValid(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> NpmNames.escape(bad), bad);
    }
  }

  static byte[] packument(String name, String version, String readme) {
    ObjectNode root = Json.object();
    root.put("name", name);
    root.putObject("dist-tags").put("latest", version);
    root.putObject("versions").putObject(version).put("name", name);
    root.put("readme", readme);
    return Json.write(root).getBytes(StandardCharsets.UTF_8);
  }
}
