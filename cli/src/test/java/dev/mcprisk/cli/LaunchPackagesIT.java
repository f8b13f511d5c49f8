package dev.mcprisk.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  private static final String EVERYTHING = "@modelcontextprotocol/server-everything";
  private static final String ECHO_SERVE = "mcprisk-echo-serve";
  private static final String ECHO_CRASH = "mcprisk-echo-crash";
  private static final String ENV_SECRET = "env-secret-7c1e03b5";
  private static final String FILE_SECRET = "file-secret-4d2a9f61";

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

  @Test
  void aReferenceServerStartsWithTheArgumentsVariablesAndFilesOfTheLaunchSettings()
      throws Exception {
    Path home = temp.resolve("home");
    String version = referenceVersion(EVERYTHING);
    stubPackument(EVERYTHING, version);
    installInLaunchCache(home, EVERYTHING, version);
    Path settings = temp.resolve("my-launch.json");
    Files.writeString(
        settings,
        """
        {"packages": {"npm:@modelcontextprotocol/server-everything": {
          "args": ["stdio"],
          "env": {"EVERYTHING_TOKEN": {"fromEnv": "MCPRISK_IT_TOKEN"}},
          "files": {"notes/README.md": "made before the server starts"}
        }}}
        """);

    CliProcess.Result result =
        CliProcess.run(
            Map.of("MCPRISK_IT_TOKEN", ENV_SECRET),
            crawlArgs(home, List.of(EVERYTHING), "--launch-config", settings.toString()));

    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals(
        Map.of("launchConfigured", 1L, "launchOk", 1L, "launchTargets", 1L),
        launchCounts(summary),
        result.stdout());
    assertEquals(1, summary.get("serversWithTools").asInt(), result.stdout());
    assertTrue(summary.get("tools").asInt() >= 13, result.stdout());
    assertSecretsNowhere(home, result, ENV_SECRET);
  }

  @Test
  void aSecretAServerEchoesIsRedactedInTheStoredToolsAndTheReasonsAndNeverPrinted()
      throws Exception {
    Path home = temp.resolve("home");
    for (String name : List.of(ECHO_SERVE, ECHO_CRASH)) {
      stubPackument(name, "1.0.0");
      installEchoServer(home, name);
    }
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("launch.json"),
        """
        {"packages": {
          "npm:mcprisk-echo-serve": {
            "args": ["serve", "${WORK_DIR}"],
            "env": {"ECHO_TOKEN": {"fromEnv": "MCPRISK_IT_TOKEN"}},
            "files": {"config/settings.txt": "hello from launch.json"}
          },
          "npm:mcprisk-echo-crash": {
            "args": ["crash"],
            "env": {"ECHO_TOKEN": {"value": "%s", "secret": true}}
          }
        }}
        """
            .formatted(FILE_SECRET));

    CliProcess.Result result =
        CliProcess.run(
            Map.of("MCPRISK_IT_TOKEN", ENV_SECRET),
            crawlArgs(home, List.of(ECHO_SERVE, ECHO_CRASH)));

    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals(
        Map.of("launchConfigured", 2L, "launchFailed", 1L, "launchOk", 1L, "launchTargets", 2L),
        launchCounts(summary),
        result.stdout());
    String failures = summary.get("failures").toString();
    assertTrue(failures.contains("fatal: cannot log in with token [REDACTED]"), result.stdout());
    CliProcess.Result search =
        CliProcess.run("search", "--home", home.toString(), "--json", "logged in with token");
    assertEquals(0, search.exitCode(), search.stderr());
    assertTrue(
        search
            .stdout()
            .contains(
                "[REDACTED] in mode serve; config: hello from launch.json; work dir argument is"
                    + " the working directory: true"),
        search.stdout());
    assertSecretsNowhere(home, result, ENV_SECRET, FILE_SECRET);
    assertSecretsNowhere(home, search, ENV_SECRET, FILE_SECRET);
  }

  @Test
  void anInvalidLaunchSettingsFileIsAUsageErrorNamingTheRule() throws Exception {
    Path settings = temp.resolve("bad.json");
    Files.writeString(settings, "{\"packages\": {\"npm:x\": {\"files\": {\"../escape\": \"x\"}}}}");

    CliProcess.Result result =
        CliProcess.run(
            crawlArgs(
                temp.resolve("home"), List.of(THINKING), "--launch-config", settings.toString()));

    assertEquals(2, result.exitCode(), result.stderr());
    assertEquals(
        "mcprisk: --launch-config "
            + settings
            + ": packages.'npm:x'.files.'../escape': must stay inside the working directory: no"
            + " empty, . or .. segments\n",
        result.stderr());
  }

  /** No secret in the output, nor in any file of the home (the H2 file, exports, logs). */
  static void assertSecretsNowhere(Path home, CliProcess.Result result, String... secrets)
      throws IOException {
    List<Path> files;
    try (Stream<Path> paths = Files.walk(home)) {
      files =
          paths
              .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> !p.startsWith(home.resolve("packages")))
              .toList();
    }
    assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".mv.db")), files.toString());
    for (String secret : secrets) {
      assertFalse(result.stdout().contains(secret), "stdout holds a secret");
      assertFalse(result.stderr().contains(secret), "stderr holds a secret");
      byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (Path file : files) {
        if (file.getFileName().toString().equals("launch.json")) {
          continue; // the user's own file
        }
        assertFalse(contains(Files.readAllBytes(file), needle), file + " holds a secret");
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The echo server as a finished install of {@code name@1.0.0} in the launch cache. */
  static void installEchoServer(Path home, String name) throws Exception {
    Path install = home.resolve("packages/npm").resolve(name + "@1.0.0");
    Path pkg = Files.createDirectories(install.resolve("node_modules").resolve(name));
    Files.writeString(
        pkg.resolve("package.json"),
        "{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"bin\": \"server.js\"}\n");
    try (var in = LaunchPackagesIT.class.getResourceAsStream("/launch/echo-secret-server.js")) {
      Files.write(pkg.resolve("server.js"), in.readAllBytes());
    }
    Files.writeString(install.resolve(".mcprisk-installed"), name + "@1.0.0\n");
  }

  CliProcess.Result crawl(Path home, String pkg, String... more) throws Exception {
    return CliProcess.run(crawlArgs(home, List.of(pkg), more));
  }

  String[] crawlArgs(Path home, List<String> packages, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "crawl",
            "--home",
            home.toString(),
            "--source",
            "npm",
            "--launch-packages",
            "--npm-registry",
            registry.baseUrl() + "/",
            "--allow-private-network",
            "--no-progress",
            "--json"));
    for (String pkg : packages) {
      args.add("--npm-package");
      args.add(pkg);
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
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
