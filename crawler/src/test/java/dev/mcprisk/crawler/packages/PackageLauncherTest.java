package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.EnvironmentVariable;
import dev.mcprisk.model.ServerPackage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch decision, the install cache and bin lookup; nothing here starts a process. */
class PackageLauncherTest {

  @TempDir Path temp;

  private static ServerPackage npm(String name, String version, EnvironmentVariable... variables) {
    return new ServerPackage("npm", name, version, "npx", "stdio", null, List.of(variables));
  }

  private static EnvironmentVariable variable(
      String name, boolean required, boolean secret, String defaultValue) {
    return new EnvironmentVariable(name, null, required, secret, defaultValue);
  }

  @Test
  void requiredVariablesGetTheirDefaultOrThePlaceholderAndOptionalOnesNothing() {
    LaunchPlan plan =
        PackageLauncher.plan(
            npm(
                "@scope/server",
                "1.2.3",
                variable("API_URL", true, false, "https://api.example/"),
                variable("MODE", true, false, null),
                variable("VERBOSE", false, false, "1"),
                variable("OPTIONAL_TOKEN", false, true, null)),
            Map.of());

    assertFalse(plan.refused(), plan.reason());
    assertEquals(
        Map.of("API_URL", "https://api.example/", "MODE", PackageLauncher.PLACEHOLDER),
        plan.environment());
    assertEquals(Set.of(), plan.secretValues());
  }

  @Test
  void aRequiredSecretTheUserDidNotSupplyRefusesTheLaunchNamingIt() {
    ServerPackage pkg =
        npm(
            "@modelcontextprotocol/server-github",
            "2025.4.8",
            variable("GITHUB_PERSONAL_ACCESS_TOKEN", true, true, null),
            variable("OTHER_KEY", true, true, null));

    LaunchPlan plan = PackageLauncher.plan(pkg, Map.of("OTHER_KEY", "supplied-value"));

    assertTrue(plan.refused());
    assertEquals(CrawlStatus.NOT_INSTALLED, plan.refusedWith());
    assertEquals(
        "needs secret GITHUB_PERSONAL_ACCESS_TOKEN (not launched without it; supply the value to"
            + " launch)",
        plan.reason());
  }

  @Test
  void suppliedValuesReachOnlyDeclaredVariablesAndAreMarkedForRedaction() {
    ServerPackage pkg =
        npm(
            "server",
            "1.0.0",
            variable("API_TOKEN", true, true, null),
            variable("REGION", true, false, "eu"));

    LaunchPlan plan =
        PackageLauncher.plan(
            pkg, Map.of("API_TOKEN", "tok-123456", "REGION", "us", "UNRELATED_TOKEN", "nope-999"));

    assertEquals(Map.of("API_TOKEN", "tok-123456", "REGION", "us"), plan.environment());
    assertEquals(Set.of("tok-123456", "us"), plan.secretValues());
    assertFalse(plan.toString().contains("tok-123456"), plan.toString());
  }

  @Test
  void reservedAndMalformedVariableNamesAreNeverSet() {
    LaunchPlan plan =
        PackageLauncher.plan(
            npm(
                "server",
                "1.0.0",
                variable("PATH", true, false, "/tmp/evil"),
                variable("HOME", true, false, null),
                variable("NODE_OPTIONS", true, false, "--require /tmp/x.js"),
                variable("LD_PRELOAD", true, false, "/tmp/x.so"),
                variable("BAD NAME", true, false, null),
                variable("GOOD", true, false, null)),
            Map.of());

    assertEquals(Map.of("GOOD", PackageLauncher.PLACEHOLDER), plan.environment());
    assertEquals(
        List.of(
            "skipped reserved variable PATH",
            "skipped reserved variable HOME",
            "skipped reserved variable NODE_OPTIONS",
            "skipped reserved variable LD_PRELOAD",
            "skipped variable with a bad name 'BAD NAME'"),
        plan.notes());
  }

  @Test
  void onlyPinnedNpmPackagesWithStdioTransportAreLaunched() {
    Map<ServerPackage, String> refused =
        Map.of(
            new ServerPackage("pypi", "mcp-server-fetch", "1.0.0", "uvx", "stdio", null, null),
            "only npm packages are launched, not 'pypi'",
            new ServerPackage("npm", "server", "1.0.0", null, "streamable-http", null, null),
            "only stdio packages are launched, not 'streamable-http'",
            npm("server", null),
            "no pinned version (an exact x.y.z is required), got none",
            npm("server", "^1.0.0"),
            "no pinned version (an exact x.y.z is required), got '^1.0.0'",
            npm("server", "latest"),
            "no pinned version (an exact x.y.z is required), got 'latest'",
            npm("../../etc", "1.0.0"),
            "not an npm package name: '../../etc'");
    refused.forEach(
        (pkg, reason) -> {
          LaunchPlan plan = PackageLauncher.plan(pkg, Map.of());
          assertEquals(CrawlStatus.BLOCKED, plan.refusedWith(), pkg.toString());
          assertEquals(reason, plan.reason());
        });
    assertFalse(
        PackageLauncher.plan(
                new ServerPackage("npm", "server", "1.0.0-beta.2", null, null, null, null),
                Map.of())
            .refused(),
        "a package without a transport is taken as stdio");
  }

  @Test
  void aRefusedPackageEndsAsAFailedOutcomeWithoutTouchingTheCache() {
    PackageLauncher launcher = new PackageLauncher(settings(null));

    CrawlOutcome outcome =
        launcher.launchAndCrawl(
            "io.github.x/github",
            npm("server", "1.0.0", variable("GITHUB_TOKEN", true, true, null)),
            Map.of(),
            CrawlLimits.defaults(),
            Sandbox.none());

    assertEquals(CrawlStatus.NOT_INSTALLED, outcome.status());
    assertEquals("io.github.x/github", outcome.serverId());
    assertTrue(outcome.reason().startsWith("needs secret GITHUB_TOKEN"), outcome.reason());
    assertEquals("stdio", outcome.method());
    assertTrue(outcome.tools().isEmpty());
    assertFalse(Files.exists(temp.resolve("cache")));
  }

  @Test
  void withoutNpmAMissingInstallEndsNotInstalled() {
    PackageLauncher launcher = new PackageLauncher(settings(null));

    CrawlOutcome outcome =
        launcher.launchAndCrawl(
            "npm:server", npm("server", "1.0.0"), Map.of(), CrawlLimits.defaults(), Sandbox.none());

    assertEquals(CrawlStatus.NOT_INSTALLED, outcome.status());
    assertEquals("npm is not on PATH", outcome.reason());
  }

  @Test
  void aFinishedInstallIsReusedWithoutRunningNpm() throws IOException {
    Path dir = temp.resolve("cache/npm/@scope+server@1.2.3");
    writePackage(dir, "@scope/server", "1.2.3", "{\"server\":\"dist/index.js\"}");
    Files.writeString(dir.resolve(PackageLauncher.INSTALLED_MARKER), "@scope/server@1.2.3\n");
    PackageLauncher launcher = new PackageLauncher(settings(null));

    InstallOutcome reused = launcher.install("@scope/server", "1.2.3");

    assertTrue(reused.ok(), reused.reason());
    assertTrue(reused.reused());
    assertEquals(dir, reused.installDir());

    Files.delete(dir.resolve(PackageLauncher.INSTALLED_MARKER));
    InstallOutcome unfinished = launcher.install("@scope/server", "1.2.3");
    assertFalse(unfinished.ok());
    assertEquals("npm is not on PATH", unfinished.reason());
  }

  @Test
  void theInstallFolderNameKeepsScopeAndVersionApart() {
    assertEquals("@scope+name@1.2.3", PackageLauncher.installDirName("@scope/name", "1.2.3"));
    assertEquals("left-pad@1.3.0", PackageLauncher.installDirName("left-pad", "1.3.0"));
    assertThrows(
        IllegalArgumentException.class, () -> PackageLauncher.installDirName("../x", "1.0.0"));
  }

  @Test
  void theBinIsTheEntryNamedLikeThePackageElseTheFirstElseMain() throws IOException {
    Path a = temp.resolve("a");
    writePackage(a, "@s/tool", "1.0.0", "{\"helper\":\"h.js\",\"tool\":\"t.js\"}");
    assertEquals(
        a.resolve("node_modules/@s/tool/t.js").toRealPath(), PackageLauncher.findBin(a, "@s/tool"));

    Path b = temp.resolve("b");
    writePackage(b, "other", "1.0.0", "{\"first\":\"f.js\",\"second\":\"s.js\"}");
    assertEquals(
        b.resolve("node_modules/other/f.js").toRealPath(), PackageLauncher.findBin(b, "other"));

    Path c = temp.resolve("c");
    writePackage(c, "plain", "1.0.0", "\"cli.js\"");
    assertEquals(
        c.resolve("node_modules/plain/cli.js").toRealPath(), PackageLauncher.findBin(c, "plain"));
  }

  @Test
  void aBinOutsideTheInstallFolderOrMissingIsRefused() throws IOException {
    Path a = temp.resolve("a");
    writePackage(a, "escape", "1.0.0", "\"../../../outside.js\"");
    Files.writeString(temp.resolve("outside.js"), "// not part of the install");
    IOException outside =
        assertThrows(IOException.class, () -> PackageLauncher.findBin(a, "escape"));
    assertEquals(
        "escape's bin '../../../outside.js' points outside its install folder",
        outside.getMessage());

    Path b = temp.resolve("b");
    writePackage(b, "nobin", "1.0.0", "\"missing.js\"");
    IOException missing =
        assertThrows(IOException.class, () -> PackageLauncher.findBin(b, "nobin"));
    assertEquals("nobin has no bin to run: 'missing.js' is not a file", missing.getMessage());
  }

  private LaunchSettings settings(Path npm) {
    return new LaunchSettings(
        temp.resolve("cache"),
        NpmRegistry.of(URI.create("http://127.0.0.1:9/"), "test"),
        npm,
        Path.of("/usr/bin/node"),
        Duration.ofSeconds(5),
        Map.of());
  }

  /** A package folder with a package.json whose bin is {@code binJson}, and its bin files. */
  private static void writePackage(Path installDir, String name, String version, String binJson)
      throws IOException {
    Path dir = Files.createDirectories(installDir.resolve("node_modules").resolve(name));
    Files.writeString(
        dir.resolve("package.json"),
        "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"bin\":" + binJson + "}");
    for (String file : List.of("t.js", "h.js", "f.js", "s.js", "cli.js")) {
      Files.writeString(dir.resolve(file), "// " + file);
    }
  }
}
