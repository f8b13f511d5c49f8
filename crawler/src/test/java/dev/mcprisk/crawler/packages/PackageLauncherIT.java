package dev.mcprisk.crawler.packages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.EnvironmentVariable;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.model.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the tiny test MCP server (src/test/resources/packages/tiny-mcp-server, packed with
 * {@code npm pack}) from an npm registry served by WireMock on loopback, launches it in bubblewrap
 * and lists its tools. Skipped with a visible message when node, npm or a working bubblewrap is
 * missing.
 */
class PackageLauncherIT {

  private static final String NAME = "mcprisk-tiny-mcp-server";
  private static final String VERSION = "1.0.0";
  private static final String TARBALL_PATH = "/" + NAME + "/-/" + NAME + "-" + VERSION + ".tgz";
  private static final String SECRET = "s3cr3t-token-value";

  @TempDir static Path shared;

  @TempDir Path temp;

  private static WireMockServer registry;
  private static TlsRegistry tlsRegistry;
  private static Path npm;
  private static Path node;
  private static Sandbox sandbox;

  @BeforeAll
  static void serveRegistry() throws Exception {
    Optional<Path> foundNpm = NodeRuntime.findNpm();
    Optional<Path> foundNode = NodeRuntime.findNode();
    skipUnless(foundNode.isPresent(), "node is not on PATH");
    skipUnless(foundNpm.isPresent(), "npm is not on PATH");
    sandbox = Sandbox.detect();
    skipUnless(sandbox.available(), String.valueOf(sandbox.unavailableReason()));
    npm = foundNpm.get();
    node = foundNode.get();

    byte[] tarball = pack();
    registry =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    registry.start();
    String base = "http://127.0.0.1:" + registry.port();
    registry.stubFor(
        get(urlEqualTo("/" + NAME))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(packument(base, tarball))));
    registry.stubFor(
        get(urlEqualTo(TARBALL_PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/octet-stream")
                    .withBody(tarball)));
    tlsRegistry = TlsRegistry.start(Files.createDirectories(shared.resolve("tls")));
    String tlsBase = tlsRegistry.baseUrl();
    tlsRegistry.serve(
        "/" + NAME,
        packument(tlsBase.substring(0, tlsBase.length() - 1), tarball)
            .getBytes(StandardCharsets.UTF_8));
    tlsRegistry.serve(TARBALL_PATH, tarball);
  }

  @BeforeEach
  void forgetRequests() {
    registry.resetRequests();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.stop();
    }
    if (tlsRegistry != null) {
      tlsRegistry.close();
    }
  }

  @Test
  void installsFromTheConfiguredRegistryAndListsTheToolsWithPlaceholderAndSuppliedValues() {
    PackageLauncher launcher = new PackageLauncher(settings());
    ServerPackage pkg =
        pkg(
            VERSION,
            List.of(
                new EnvironmentVariable("TINY_REQUIRED", "needed", true, false, null),
                new EnvironmentVariable("TINY_MODE", "with a default", true, false, "fast"),
                new EnvironmentVariable("TINY_OPTIONAL", "not needed", false, false, null),
                new EnvironmentVariable("TINY_TOKEN", "a secret", true, true, null),
                new EnvironmentVariable("PATH", "reserved", true, false, "/evil")));

    long first = System.nanoTime();
    CrawlOutcome outcome =
        launcher.launchAndCrawl(
            "npm:" + NAME,
            pkg,
            Map.of("TINY_TOKEN", SECRET, "OTHER_TOKEN", "never-passed"),
            CrawlLimits.defaults(),
            sandbox);

    System.out.printf(
        "first launch (npm install from loopback + crawl): %d ms; crawl %s in %d ms, reason '%s'%n",
        (System.nanoTime() - first) / 1_000_000,
        outcome.status(),
        outcome.durationMs(),
        outcome.reason());
    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    // bubblewrap sets PWD for --chdir; nothing else reaches the server.
    Map<String, String> tools =
        outcome.tools().stream()
            .collect(Collectors.toMap(ToolDefinition::name, ToolDefinition::description));
    assertEquals(List.of("env_names", "env_values", "echo"), names(outcome));
    assertEquals(
        "env names: HOME,PATH,PWD,TINY_MODE,TINY_REQUIRED,TINY_TOKEN", tools.get("env_names"));
    assertEquals(
        "env values: TINY_MODE=fast;TINY_REQUIRED="
            + PackageLauncher.PLACEHOLDER
            + ";TINY_TOKEN=<"
            + SECRET.length()
            + " chars>",
        tools.get("env_values"));
    Path installed = temp.resolve("cache/npm/" + NAME + "@" + VERSION);
    assertTrue(Files.isRegularFile(installed.resolve(PackageLauncher.INSTALLED_MARKER)));

    long start = System.nanoTime();
    CrawlOutcome again =
        launcher.launchAndCrawl(
            "npm:" + NAME, pkg, Map.of("TINY_TOKEN", SECRET), CrawlLimits.defaults(), sandbox);

    System.out.printf(
        "second launch (install reused): %d ms%n", (System.nanoTime() - start) / 1_000_000);
    assertEquals(CrawlStatus.OK, again.status(), again.reason());
    registry.verify(1, getRequestedFor(urlEqualTo(TARBALL_PATH)));
  }

  @Test
  void aPackageNeedingAnUnsuppliedSecretIsNeitherInstalledNorStarted() {
    PackageLauncher launcher = new PackageLauncher(settings());
    ServerPackage pkg =
        pkg(VERSION, List.of(new EnvironmentVariable("GITHUB_TOKEN", "a token", true, true, null)));

    CrawlOutcome outcome =
        launcher.launchAndCrawl(
            "npm:" + NAME, pkg, Map.of("OTHER", "x"), CrawlLimits.defaults(), sandbox);

    assertEquals(CrawlStatus.NOT_INSTALLED, outcome.status());
    assertTrue(outcome.reason().startsWith("needs secret GITHUB_TOKEN"), outcome.reason());
    registry.verify(0, anyRequestedFor(anyUrl()));
    assertFalse(Files.exists(temp.resolve("cache/npm")));
  }

  @Test
  void aVersionTheRegistryDoesNotHaveEndsNotInstalledWithNpmsReason() {
    PackageLauncher launcher = new PackageLauncher(settings());

    CrawlOutcome outcome =
        launcher.launchAndCrawl(
            "npm:" + NAME, pkg("9.9.9", List.of()), Map.of(), CrawlLimits.defaults(), sandbox);

    assertEquals(CrawlStatus.NOT_INSTALLED, outcome.status());
    assertTrue(
        outcome.reason().startsWith("npm install of " + NAME + "@9.9.9 failed with exit code"),
        outcome.reason());
    assertTrue(outcome.reason().contains("ETARGET"), outcome.reason());
    assertFalse(Files.exists(temp.resolve("cache/npm/" + NAME + "@9.9.9")));
  }

  @Test
  void aCafileInTheMachinesGlobalNpmrcLetsNpmTrustARegistryBehindAPrivateCa() throws Exception {
    // npm's global npmrc is <prefix>/etc/npmrc; the prefix here is the test's, not /usr's.
    Path prefix = temp.resolve("prefix");
    Files.createDirectories(prefix.resolve("etc"));
    Files.writeString(prefix.resolve("etc/npmrc"), "cafile=" + tlsRegistry.caPem() + "\n");
    Map<String, String> environment = new HashMap<>(tlsEnvironment());
    environment.remove("npm_config_globalconfig");
    environment.put("npm_config_prefix", prefix.toString());

    CrawlOutcome outcome = launchFromTlsRegistry(environment);

    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals(List.of("env_names", "env_values", "echo"), names(outcome));
  }

  @Test
  void nodeExtraCaCertsOfThisMachinesEnvironmentReachesNpm() throws Exception {
    Map<String, String> machine = new HashMap<>(tlsEnvironment());
    machine.put("NODE_EXTRA_CA_CERTS", tlsRegistry.caPem().toString());
    machine.put("GITHUB_TOKEN", SECRET);

    Map<String, String> environment = LaunchSettings.npmEnvironment(machine);
    CrawlOutcome outcome = launchFromTlsRegistry(environment);

    assertFalse(environment.containsKey("GITHUB_TOKEN"), environment.keySet().toString());
    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
  }

  @Test
  void aRegistryCertificateNpmDoesNotTrustEndsNotInstalledQuotingTheCertificateError()
      throws Exception {
    CrawlOutcome outcome = launchFromTlsRegistry(tlsEnvironment());

    assertEquals(CrawlStatus.NOT_INSTALLED, outcome.status(), outcome.reason());
    assertTrue(
        outcome
            .reason()
            .startsWith(
                "npm install of "
                    + NAME
                    + "@"
                    + VERSION
                    + " failed: the registry's TLS certificate is not trusted"
                    + " (SELF_SIGNED_CERT_IN_CHAIN)"),
        outcome.reason());
  }

  /**
   * What npm needs here; no retries (a certificate error would be retried for a minute); and an
   * empty global config, as this machine's may name a cafile (then npm ignores NODE_EXTRA_CA_CERTS,
   * as node does when a client names its CAs).
   */
  private Map<String, String> tlsEnvironment() throws IOException {
    Path empty = Files.writeString(temp.resolve("empty-npmrc"), "");
    return Map.of(
        "PATH", System.getenv("PATH"),
        "HOME", temp.resolve("home").toString(),
        "npm_config_cache", temp.resolve("npm-cache").toString(),
        "npm_config_fetch_retries", "0",
        "npm_config_globalconfig", empty.toString());
  }

  private CrawlOutcome launchFromTlsRegistry(Map<String, String> environment) throws Exception {
    LaunchSettings settings =
        new LaunchSettings(
            temp.resolve("cache"),
            NpmRegistry.of(new URI(tlsRegistry.baseUrl()), "test"),
            npm,
            node,
            Duration.ofMinutes(2),
            environment);
    return new PackageLauncher(settings)
        .launchAndCrawl(
            "npm:" + NAME, pkg(VERSION, List.of()), Map.of(), CrawlLimits.defaults(), sandbox);
  }

  private LaunchSettings settings() {
    URI url;
    try {
      url = new URI("http://127.0.0.1:" + registry.port() + "/");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new LaunchSettings(
        temp.resolve("cache"),
        NpmRegistry.of(url, "test"),
        npm,
        node,
        Duration.ofMinutes(2),
        Map.of(
            "PATH", System.getenv("PATH"),
            "HOME", temp.resolve("home").toString(),
            "npm_config_cache", temp.resolve("npm-cache").toString()));
  }

  private static ServerPackage pkg(String version, List<EnvironmentVariable> variables) {
    return new ServerPackage("npm", NAME, version, null, "stdio", null, variables);
  }

  private static List<String> names(CrawlOutcome outcome) {
    return outcome.tools().stream().map(ToolDefinition::name).toList();
  }

  /** The packument of the tiny server: its package.json plus dist with the tarball's hashes. */
  private static String packument(String base, byte[] tarball) throws Exception {
    JsonNode manifest;
    try (InputStream in =
        PackageLauncherIT.class.getResourceAsStream("/packages/tiny-mcp-server/package.json")) {
      manifest = Json.MAPPER.readTree(in);
    }
    ObjectNode version = ((ObjectNode) manifest).deepCopy();
    ObjectNode dist = version.putObject("dist");
    dist.put("tarball", base + TARBALL_PATH);
    dist.put(
        "integrity",
        "sha512-"
            + Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-512").digest(tarball)));
    dist.put(
        "shasum", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tarball)));
    ObjectNode root = Json.object();
    root.put("name", NAME);
    root.putObject("dist-tags").put("latest", VERSION);
    root.putObject("versions").set(VERSION, version);
    root.putObject("time").put(VERSION, "2026-11-21T12:00:00.000Z");
    return Json.write(root);
  }

  /** {@code npm pack} of a copy of the tiny server's folder; the tarball's bytes. */
  private static byte[] pack() throws Exception {
    Path source = Path.of(PackageLauncherIT.class.getResource("/packages/tiny-mcp-server").toURI());
    Path copy = shared.resolve("tiny-src");
    copyTree(source, copy);
    Path out = Files.createDirectories(shared.resolve("packed"));
    ProcessResult packed =
        Processes.run(
            List.of(npm.toString(), "pack", "--pack-destination", out.toString()),
            copy,
            Map.of(
                "PATH", System.getenv("PATH"),
                "HOME", shared.toString(),
                "npm_config_cache", shared.resolve("npm-cache").toString()),
            Duration.ofMinutes(1),
            8192);
    assertTrue(packed.ok(), packed.outputTail());
    return Files.readAllBytes(out.resolve(NAME + "-" + VERSION + ".tgz"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void skipUnless(boolean condition, String why) {
    if (!condition) {
      System.out.println("SKIPPED PackageLauncherIT: " + why);
    }
    Assumptions.assumeTrue(condition, why);
  }
}
