package dev.mcprisk.crawler.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.model.EnvironmentVariable;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistrySeedReaderTest {

  @Test
  void readsTheFirstRegistrySeedRejectingItsSevenBlankEntries() throws Exception {
    RegistryReadResult result = bundled("seed_2025_05_16.json", "registry-seed-2025-05-16");

    assertEquals(464, result.entries().size());
    assertEquals(7, result.rejected().size());
    assertEquals(0, result.superseded());
    assertEquals(
        List.of(15, 25, 108, 132, 188, 207, 406),
        result.rejected().stream().map(RejectedEntry::index).toList());
    assertEquals("entry has no name", result.rejected().get(0).reason());
    assertEquals("registry-seed-2025-05-16", result.rejected().get(0).source());
    assertTrue(
        result.entries().stream().allMatch(e -> e.source().equals("registry-seed-2025-05-16")));
  }

  @Test
  void keepsEveryRealSeedEntryWithItsLongDescriptionWhole() throws Exception {
    RegistryReadResult result = bundled("seed_2025_05_16.json", "registry-seed-2025-05-16");

    assertEquals(0, result.trimmed(), "the longest real description is 324 chars");
    long overSchema =
        result.entries().stream()
            .filter(e -> e.description() != null && e.description().length() > 100)
            .count();
    assertEquals(103, overSchema, "descriptions over the schema's 100 chars are kept whole");
  }

  @Test
  void rejectsEntriesOverTheSchemaLimitsWithReasonsAndKeepsTheRestOfThePage() {
    String page =
        "{\"servers\":["
            + item("io.github.good/one", "1.0.0", "active", "fine")
            + ","
            + item("io.github.bad/" + "n".repeat(2_114), "1.0.0", "active", "long name")
            + ","
            + item("io.github.bad/status", "1.0.0", "s".repeat(111), "long status")
            + ","
            + item("not a reverse-DNS name", "1.0.0", "active", "bad name")
            + ","
            + item("io.github.bad/version", "v".repeat(256), "active", "long version")
            + ","
            + item("io.github.good/long", "2.0.0", "deleted", "d".repeat(5_000))
            + "],\"metadata\":{}}";

    RegistryPage read = RegistrySeedReader.readPage("registry-api", page);

    assertEquals(
        List.of("io.github.good/one", "io.github.good/long"),
        read.entries().stream().map(ServerEntry::id).toList());
    assertEquals(List.of(1, 2, 3, 4), read.rejected().stream().map(RejectedEntry::index).toList());
    assertEquals(
        "name 'io.github.bad/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…' is 2128 chars, not"
            + " 3..200 (server.schema.json)",
        read.rejected().get(0).reason());
    assertEquals(
        "io.github.bad/status: status 'ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss…'"
            + " (111 chars) is not one of active, deprecated, deleted",
        read.rejected().get(1).reason());
    assertEquals(
        "name 'not a reverse-DNS name' is not namespace/name (^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$)",
        read.rejected().get(2).reason());
    assertEquals(
        "io.github.bad/version: version is 256 chars, over 255", read.rejected().get(3).reason());
    String trimmed = read.entries().get(1).description();
    assertEquals(EntryLimits.MAX_DESCRIPTION_CHARS, trimmed.length());
    assertTrue(trimmed.startsWith("ddd") && trimmed.endsWith("d… [trimmed]"), trimmed);
    assertEquals(1, read.trimmed());
  }

  @Test
  void rejectsAnEntryWhosePackageOrRemoteIsOverItsLimit() {
    String pkg =
        "{\"name\":\"io.github.bad/pkg\",\"packages\":[{\"registryType\":\"npm\","
            + "\"identifier\":\""
            + "p".repeat(256)
            + "\"}]}";
    String remote =
        "{\"name\":\"io.github.bad/remote\",\"remotes\":[{\"type\":\"sse\",\"url\":\"https://x/"
            + "u".repeat(2_048)
            + "\"}]}";
    RegistryReadResult result =
        RegistrySeedReader.read(
            "registry-seed",
            new ByteArrayInputStream(
                ("[" + pkg + "," + remote + "]").getBytes(StandardCharsets.UTF_8)));

    assertEquals(List.of(), result.entries());
    assertEquals(
        List.of(
            "io.github.bad/pkg: package identifier is 256 chars, over 255",
            "io.github.bad/remote: remote URL is 2058 chars, over 2048"),
        result.rejected().stream().map(RejectedEntry::reason).toList());
  }

  @Test
  void trimNeverSplitsASurrogatePair() {
    String text =
        "a".repeat(EntryLimits.MAX_TITLE_CHARS - EntryLimits.TRIMMED_MARK.length() - 1)
            + "\uD83D\uDE00"
            + "b".repeat(50);
    String trimmed = EntryLimits.trim(text, EntryLimits.MAX_TITLE_CHARS);
    assertTrue(trimmed.endsWith("a" + EntryLimits.TRIMMED_MARK), trimmed);
    assertTrue(trimmed.length() < EntryLimits.MAX_TITLE_CHARS);
  }

  private static String item(String name, String version, String status, String description) {
    return "{\"server\":{\"name\":\""
        + name
        + "\",\"version\":\""
        + version
        + "\",\"description\":\""
        + description
        + "\"},\"_meta\":{\""
        + RegistrySeedReader.OFFICIAL_META
        + "\":{\"status\":\""
        + status
        + "\"}}}";
  }

  @Test
  void mapsTheSnakeCaseSeedShape() throws Exception {
    Map<String, ServerEntry> byId =
        byId(bundled("seed_2025_05_16.json", "registry-seed-2025-05-16"));

    ServerEntry magic = byId.get("io.github.21st-dev/magic-mcp");
    assertEquals("io.github.21st-dev/magic-mcp", magic.name());
    assertEquals("0.0.1-seed", magic.version());
    assertEquals("https://github.com/21st-dev/magic-mcp", magic.repository().url());
    assertEquals("github", magic.repository().source());
    assertEquals(
        List.of(
            new ServerPackage(
                "npm",
                "@21st-dev/magic",
                "0.0.46",
                null,
                null,
                null,
                List.of(
                    new EnvironmentVariable("API_KEY", "${input:apiKey}", false, false, null)))),
        magic.packages());
    assertEquals("active", magic.status());

    ServerEntry azure = byId.get("io.github.azure/azure-mcp");
    assertEquals(List.of(new Remote("sse", "http://localhost:5008/sse")), azure.remotes());
    assertNull(azure.packages().get(0).version(), "an empty version is no version");
    // The one remote with an empty transport_type: its /sse path says what it is.
    assertEquals(
        List.of(new Remote("sse", "http://localhost:8000/sse")),
        byId.get("io.github.xgenerationlab/xiyan_mcp_server").remotes());

    List<ServerEntry> entries = List.copyOf(byId.values());
    assertEquals(83, countPackages(entries, "npm"));
    assertEquals(53, countPackages(entries, "pypi"));
    assertEquals(26, countPackages(entries, "docker"));
    assertEquals(302, countPackages(entries, "unknown"));
    assertEquals(9, entries.stream().mapToInt(e -> e.remotes().size()).sum());
  }

  @Test
  void readsServerJsonKeepingTheHighestVersionOfEachName() throws Exception {
    RegistryReadResult result = bundled("seed.json", "registry-seed");

    assertEquals(4, result.entries().size());
    assertEquals(1, result.superseded());
    assertTrue(result.rejected().isEmpty());
    Map<String, ServerEntry> byId = byId(result);
    ServerEntry airtable = byId.get("io.github.domdomegg/airtable-mcp-server");
    assertEquals("1.7.3", airtable.version());
    assertEquals(3, airtable.packages().size());
    ServerPackage npm = airtable.packages().get(0);
    assertEquals("npm", npm.registryType());
    assertEquals("airtable-mcp-server", npm.identifier());
    assertEquals("1.7.3", npm.version());
    assertEquals("npx", npm.runtimeHint());
    assertEquals("stdio", npm.transportType());
    EnvironmentVariable key = npm.environmentVariables().get(0);
    assertEquals("AIRTABLE_API_KEY", key.name());
    assertTrue(key.isRequired());
    assertTrue(key.isSecret());
    assertEquals("oci", airtable.packages().get(1).registryType());
    assertEquals("mcpb", airtable.packages().get(2).registryType());
    assertEquals(
        "nuget", byId.get("io.github.domdomegg/time-mcp-nuget").packages().get(0).registryType());
    assertEquals(
        "python", byId.get("io.github.domdomegg/time-mcp-pypi").packages().get(0).runtimeHint());

    ServerEntry cyphrex = byId.get("io.github.getcyphrex/cyphrex-mcp");
    assertEquals("Cyphrex", cyphrex.title());
    assertEquals(
        List.of(new Remote("streamable-http", "https://mcp.cyphrex.io/mcp")), cyphrex.remotes());
    assertTrue(cyphrex.packages().isEmpty());
  }

  @Test
  void readsTheRegistryApiEnvelopeWithStatus() throws Exception {
    RegistryReadResult result;
    try (InputStream in = getClass().getResourceAsStream("/registry/api-envelope.json")) {
      result = RegistrySeedReader.read("registry", in);
    }

    assertEquals(1, result.entries().size());
    assertEquals(2, result.superseded());
    assertEquals(List.of(new RejectedEntry("registry", 3, "entry has no name")), result.rejected());
    ServerEntry weather = result.entries().get(0);
    assertEquals("2.0.0", weather.version(), "2.0.0 outranks 2.0.0-beta.1 and 1.9.9");
    assertEquals("deprecated", weather.status());
    assertEquals(
        List.of(new Remote("streamable-http", "https://weather.example.com/mcp")),
        weather.remotes());
  }

  @Test
  void textThatIsNotJsonIsOneWholeFileRejection() {
    RegistryReadResult result = read("[{\"name\": \"a\"},");

    assertTrue(result.entries().isEmpty());
    assertEquals(1, result.rejected().size());
    assertEquals(-1, result.rejected().get(0).index());
    assertTrue(
        result.rejected().get(0).reason().startsWith("not JSON: "),
        result.rejected().get(0).reason());
  }

  @Test
  void anObjectInsteadOfAnArrayIsOneWholeFileRejection() {
    RegistryReadResult result = read("{\"name\": \"io.github.a/b\"}");

    assertTrue(result.entries().isEmpty());
    assertEquals(
        List.of(
            new RejectedEntry(
                "test",
                -1,
                "expected a JSON array of entries or {\"servers\":[...]}, found OBJECT")),
        result.rejected());
  }

  @Test
  void oneBadEntryAmongGoodOnesKeepsTheGoodOnes() {
    RegistryReadResult result =
        read(
            "[{\"name\":\"io.github.a/one\",\"version\":\"1.0.0\"},"
                + " 42,"
                + " {\"name\":\"  \"},"
                + " {\"name\":\"io.github.a/two\",\"packages\":[{\"registryType\":\"npm\"},"
                + "{\"registryType\":\"npm\",\"identifier\":\"two\",\"environmentVariables\":[{\"description\":\"no name\"}]}]}]");

    assertEquals(
        List.of("io.github.a/one", "io.github.a/two"),
        result.entries().stream().map(ServerEntry::id).toList());
    assertEquals(
        List.of(
            new RejectedEntry("test", 1, "entry is not a JSON object but NUMBER"),
            new RejectedEntry("test", 2, "entry has no name")),
        result.rejected());
    ServerPackage two = result.entries().get(1).packages().get(0);
    assertEquals("two", two.identifier());
    assertTrue(two.environmentVariables().isEmpty());
  }

  @Test
  void anEmptyStreamIsOneWholeFileRejection() {
    RegistryReadResult result = read("");

    assertEquals(1, result.rejected().size());
    assertEquals(-1, result.rejected().get(0).index());
  }

  private static long countPackages(List<ServerEntry> entries, String registryType) {
    return entries.stream()
        .flatMap(e -> e.packages().stream())
        .filter(p -> p.registryType().equals(registryType))
        .count();
  }

  private static Map<String, ServerEntry> byId(RegistryReadResult result) {
    return result.entries().stream()
        .collect(
            Collectors.toMap(
                ServerEntry::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private static RegistryReadResult bundled(String file, String source) throws Exception {
    try (InputStream in = BundledData.open(BundledData.REGISTRY, file)) {
      return RegistrySeedReader.read(source, in);
    }
  }

  private static RegistryReadResult read(String json) {
    return RegistrySeedReader.read(
        "test", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
