package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxIT {

  @TempDir Path temp;

  @Test
  void wrapsTheCommandWithNoNetworkAnEmptyEnvironmentAndOnlyTheNamedPaths() throws Exception {
    Sandbox sandbox = Sandbox.detect();
    if (!sandbox.available()) {
      System.out.println("SKIPPED SandboxIT: " + sandbox.unavailableReason());
    }
    Assumptions.assumeTrue(sandbox.available(), sandbox.unavailableReason());
    Path modules = Files.createDirectory(temp.resolve("node_modules"));
    Path data = Files.createDirectory(temp.resolve("data"));
    StdioServerSpec spec =
        new StdioServerSpec(
            "npm:x",
            List.of("/usr/bin/node", "index.js"),
            Map.of("B", "2", "A", "1"),
            modules,
            List.of(modules),
            List.of(data));

    List<String> args = sandbox.wrap(spec);
    String line = String.join(" ", args);

    assertTrue(args.get(0).endsWith("/bwrap"), args.get(0));
    assertEquals(
        List.of("--unshare-all", "--die-with-parent", "--new-session", "--clearenv"),
        args.subList(1, 5));
    assertTrue(line.contains("--ro-bind /usr /usr"), line);
    assertTrue(
        line.indexOf("--tmpfs /tmp") < line.indexOf("--ro-bind " + modules),
        "the private /tmp comes before binds that may live under it: " + line);
    assertTrue(line.contains("--bind " + data + " " + data), line);
    assertTrue(
        line.endsWith(
            "--setenv A 1 --setenv B 2 --chdir " + modules + " -- /usr/bin/node index.js"),
        line);
    assertFalse(line.contains("--share-net"), line);
  }

  @Test
  void withoutWorkingBubblewrapACrawlIsBlockedAndNothingRuns() {
    Sandbox missing = Sandbox.at(Path.of("/nonexistent/bwrap"));
    StdioServerSpec spec =
        new StdioServerSpec(
            "npm:x", List.of("/usr/bin/true"), Map.of(), null, List.of(), List.of());

    CrawlOutcome outcome =
        StdioMcpClient.crawl(
            spec,
            new CrawlLimits(
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 10, 10, 1, 1),
            missing);

    assertFalse(missing.available());
    assertEquals(CrawlStatus.BLOCKED, outcome.status());
    assertTrue(
        outcome.reason().startsWith("sandbox required but unavailable: bubblewrap cannot start"),
        outcome.reason());
    assertThrows(IllegalStateException.class, () -> missing.wrap(spec));
  }

  @Test
  void noneRunsTheCommandAsIs() {
    StdioServerSpec spec =
        new StdioServerSpec("npm:x", List.of("node", "a.js"), Map.of(), null, List.of(), List.of());

    assertEquals(List.of("node", "a.js"), Sandbox.none().wrap(spec));
    assertTrue(Sandbox.none().available());
    assertFalse(Sandbox.none().confines());
  }
}
