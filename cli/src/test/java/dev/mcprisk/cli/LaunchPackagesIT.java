package dev.mcprisk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcprisk crawl --npm-package X --launch-packages} through the real jar on a fresh home: the
 * packument comes from an npm registry served by WireMock on loopback; the package's install is
 * already in the launch cache ({@code <home>/packages/npm/...}, copied from the reference servers
 * in {@code $MCPRISK_TEST_SERVERS}, as a first run's {@code npm install} would leave it), so no
 * test needs the npm registry on the internet. Skipped with a visible message without node,
 * bubblewrap or the reference servers.
 */
class LaunchPackagesIT {
  private static final String THINKING = "@modelcontextprotocol/server-sequential-thinking";

  @TempDir Path temp;
  private WireMockServer registry;
  private Path servers;

  @BeforeEach
  void start() {
    String dir = System.getenv("MCPRISK_TEST_SERVERS");
    boolean installed = dir != null && Files.isDirectory(Path.of(dir, "node_modules", THINKING));
    boolean tools = onPath("node") && onPath("bwrap");
    if (!installed || !tools) {
      String why =
          "SKIPPED LaunchPackagesIT: needs node, bwrap and the reference servers in"
              + " $MCPRISK_TEST_SERVERS (run scripts/install-mcp-servers); servers="
              + dir
              + " node+bwrap="
              + tools;
      System.out.println(why);
      Assumptions.assumeTrue(false, why);
    }
    servers = Path.of(dir);
    registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    registry.start();
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.stop();
    }
  }

  @Test
  void theFirstRunOnAFreshHomeLaunchesAListedPackageAndStoresItsTools() throws Exception {
    Path home = temp.resolve("home");
    String version = referenceVersion(THINKING);
    stubPackument(THINKING, version);
    installInLaunchCache(home, THINKING, version);

    CliProcess.Result result = crawl(home, THINKING);

    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals(Map.of("launchOk", 1L, "launchTargets", 1L), launchCounts(summary));
    assertEquals(1, summary.get("serversWithTools").asInt(), result.stdout());
    assertEquals(1, summary.get("tools").asInt(), result.stdout());
    assertEquals(
        1,
        registry
            .countRequestsMatching(getRequestedFor(urlEqualTo(packumentPath(THINKING))).build())
            .getCount(),
        "the packument is fetched once for the launch and package steps");
    CliProcess.Result search =
        CliProcess.run("search", "--home", home.toString(), "--json", "sequential thinking");
    assertEquals(0, search.exitCode(), search.stderr());
    assertTrue(search.stdout().contains("sequentialthinking"), search.stdout());
  }

  CliProcess.Result crawl(Path home, String pkg, String... more) throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "crawl",
            "--home",
            home.toString(),
            "--source",
            "npm",
            "--npm-package",
            pkg,
            "--launch-packages",
            "--npm-registry",
            registry.baseUrl() + "/",
            "--allow-private-network",
            "--no-progress",
            "--json"));
    args.addAll(List.of(more));
    return CliProcess.run(args.toArray(String[]::new));
  }

  /** The counts of the tools stage whose names start with "launch". */
  static Map<String, Long> launchCounts(JsonNode summary) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (JsonNode stage : summary.get("stages")) {
      if (stage.get("stage").asText().equals("tools")) {
        stage
            .get("counts")
            .fields()
            .forEachRemaining(
                e -> {
                  if (e.getKey().startsWith("launch")
                      && !e.getKey().equals("launchListedEntries")) {
                    counts.put(e.getKey(), e.getValue().asLong());
                  }
                });
      }
    }
    return counts;
  }

  String referenceVersion(String name) throws IOException {
    return Json.parse(
            Files.readString(servers.resolve("node_modules").resolve(name).resolve("package.json")))
        .get("version")
        .asText();
  }

  static String packumentPath(String name) {
    return "/" + name.replace("/", "%2f");
  }

  /** A packument naming {@code version} as the latest (its tarball is never fetched here). */
  void stubPackument(String name, String version) {
    ObjectNode root = Json.object();
    root.put("name", name);
    root.put("description", "test packument of " + name);
    root.putObject("dist-tags").put("latest", version);
    ObjectNode v = root.putObject("versions").putObject(version);
    v.put("name", name);
    v.put("version", version);
    v.putObject("dist").put("tarball", registry.baseUrl() + "/tarballs/never-fetched.tgz");
    root.putObject("time").put(version, "2026-08-31T12:00:00.000Z");
    registry.stubFor(
        get(urlEqualTo(packumentPath(name)))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Json.write(root))));
  }

  /**
   * What a finished {@code npm install} of {@code name@version} leaves in the launch cache: the
   * reference servers' {@code node_modules} (copied, links kept as links) and the marker file.
   */
  void installInLaunchCache(Path home, String name, String version) throws IOException {
    Path install = home.resolve("packages/npm").resolve(name.replace('/', '+') + "@" + version);
    Path from = servers.resolve("node_modules");
    Path to = install.resolve("node_modules");
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
    Files.writeString(install.resolve(".mcprisk-installed"), name + "@" + version + "\n");
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
