package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.ToolDefinition;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls real node processes: a hostile test server (src/test/resources/mcp/hostile-server.js) in
 * each of its behaviours, and the four pinned reference servers from {@code $MCPRISK_TEST_SERVERS}.
 * Everything runs inside bubblewrap except where a test says otherwise.
 */
class StdioMcpClientIT {

  private static final CrawlLimits FAST =
      new CrawlLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofSeconds(20),
          64 * 1024,
          1024 * 1024,
          100,
          10_000);

  private static Path node;
  private static Path script;
  private static Sandbox sandbox;

  @TempDir Path scratch;

  @BeforeAll
  static void findRuntime() throws URISyntaxException {
    Optional<Path> found = ReferenceServers.findNode();
    if (found.isEmpty()) {
      System.out.println("SKIPPED StdioMcpClientIT: node is not on PATH");
    }
    Assumptions.assumeTrue(found.isPresent(), "node is not on PATH");
    sandbox = Sandbox.detect();
    if (!sandbox.available()) {
      System.out.println("SKIPPED StdioMcpClientIT: " + sandbox.unavailableReason());
    }
    Assumptions.assumeTrue(sandbox.available(), sandbox.unavailableReason());
    node = realPath(found.get());
    script = Path.of(StdioMcpClientIT.class.getResource("/mcp/hostile-server.js").toURI());
  }

  @Test
  void skipsStdoutNoiseAnswersServerRequestsAndSkipsANamelessTool() {
    CrawlOutcome outcome = crawlHostile("noisy", FAST, sandbox);

    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals(1, outcome.tools().size());
    ToolDefinition echo = outcome.tools().get(0);
    assertEquals("echo", echo.name());
    assertEquals("roots/list answer: result", echo.description());
    assertEquals("2025-06-18", outcome.protocolVersion());
    assertEquals("hostile-noisy", outcome.serverInfo().get("name").asText());
    assertTrue(outcome.reason().contains("skipped 1 invalid tool(s)"), outcome.reason());
    assertTrue(outcome.reason().contains("2 non-JSON stdout line(s) ignored"), outcome.reason());
    assertEquals(1, outcome.pages());
    assertTrue(outcome.bytesRead() > 0);
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinItsBound() {
    CrawlLimits limits =
        new CrawlLimits(
            Duration.ofMillis(1500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            64 * 1024,
            1024 * 1024,
            10,
            100);
    long start = System.nanoTime();
    CrawlOutcome outcome = crawlHostile("silent", limits, sandbox);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(CrawlStatus.TIMEOUT, outcome.status(), outcome.reason());
    assertTrue(
        outcome.reason().startsWith("no answer to initialize within 1500 ms"), outcome.reason());
    // 1.5 s start-up timeout + at most 1 s stdin grace + 2 s SIGTERM grace + start-up slack.
    assertTrue(millis < 8_000, "took " + millis + " ms");
    assertTrue(outcome.tools().isEmpty());
  }

  @Test
  void aServerThatExitsReportsItsExitCodeAndStderr() {
    CrawlOutcome outcome = crawlHostile("exit", FAST, sandbox);

    assertEquals(CrawlStatus.PROCESS_EXITED, outcome.status(), outcome.reason());
    assertTrue(outcome.reason().contains("exited with code 3"), outcome.reason());
    assertTrue(outcome.reason().contains("fatal: MISSING_API_KEY is not set"), outcome.reason());
  }

  @Test
  void aSecretValueInTheServersStderrNeverReachesTheReason() {
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:leaky",
            List.of(
                node.toString(),
                "-e",
                "process.stderr.write('token=' + process.env.API_TOKEN + '\\n'); process.exit(2)"),
            Map.of("API_TOKEN", "tok-s3cr3t-42"),
            null,
            List.of(),
            List.of());

    CrawlOutcome outcome =
        StdioMcpClient.crawl(spec, FAST, sandbox, java.util.Set.of("tok-s3cr3t-42"));

    assertEquals(CrawlStatus.PROCESS_EXITED, outcome.status(), outcome.reason());
    assertTrue(outcome.reason().contains("token=[REDACTED]"), outcome.reason());
    assertFalse(outcome.reason().contains("tok-s3cr3t-42"), outcome.reason());
  }

  @Test
  void aLineOverTheMessageLimitIsTooLarge() {
    CrawlOutcome outcome = crawlHostile("long-line", FAST, sandbox);

    assertEquals(CrawlStatus.TOO_LARGE, outcome.status(), outcome.reason());
    assertTrue(outcome.reason().contains("exceeded 65536 bytes"), outcome.reason());
    // The cap plus the short error answer to server/discover read before it.
    assertTrue(outcome.bytesRead() <= 64 * 1024 + 1 + 1024, "read " + outcome.bytesRead());
  }

  @Test
  void anUnknownProtocolVersionIsAProtocolError() {
    CrawlOutcome outcome = crawlHostile("old-version", FAST, sandbox);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, outcome.status(), outcome.reason());
    assertTrue(outcome.reason().startsWith("server answered protocol version '1999-01-01'"));
  }

  @Test
  void followsEveryNextCursor() {
    CrawlOutcome outcome = crawlHostile("paging", FAST, sandbox);

    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals(5, outcome.pages());
    assertEquals(15, outcome.tools().size());
    assertEquals("tool_4_2", outcome.tools().get(14).name());
  }

  @Test
  void thePageCapTruncatesAndKeepsTheToolsRead() {
    CrawlLimits twoPages =
        new CrawlLimits(
            FAST.startupTimeout(),
            FAST.requestTimeout(),
            FAST.totalTimeout(),
            FAST.maxMessageBytes(),
            FAST.maxTotalBytes(),
            2,
            FAST.maxTools());
    CrawlOutcome outcome = crawlHostile("paging", twoPages, sandbox);

    assertEquals(CrawlStatus.TRUNCATED, outcome.status());
    assertEquals("stopped at the page cap of 2", outcome.reason());
    assertEquals(2, outcome.pages());
    assertEquals(6, outcome.tools().size());
  }

  @Test
  void unsandboxedTheWholeProcessTreeIsDeadAfterTheCrawl() {
    CrawlOutcome outcome = crawlHostile("stubborn", FAST, Sandbox.none());

    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    long serverPid = Long.parseLong(outcome.tools().get(0).description());
    long childPid = Long.parseLong(outcome.tools().get(1).description());
    // A killed orphan may linger as a zombie until this machine's init reaps it: not running.
    assertFalse(ProcessHandle.of(serverPid).map(StdioConnection::running).orElse(false));
    assertFalse(ProcessHandle.of(childPid).map(StdioConnection::running).orElse(false));
    assertEquals(0, runningDescendants());
  }

  @Test
  void sandboxedTheWholeProcessTreeIsDeadAfterTheCrawl() {
    CrawlOutcome outcome = crawlHostile("stubborn", FAST, sandbox);

    assertEquals(CrawlStatus.OK, outcome.status(), outcome.reason());
    assertEquals(2, outcome.tools().size());
    assertEquals(0, runningDescendants());
  }

  @Test
  void theSandboxHidesThisUsersFilesAndTheEnvironment() throws Exception {
    Path secret = Files.writeString(scratch.resolve("secret.txt"), "s3cret");
    Path probe =
        Files.writeString(
            scratch.resolve("probe.js"),
            "const fs=require('fs');"
                + "let seen='unreadable';try{seen=fs.readFileSync(process.argv[2],'utf8')}catch(e){}"
                + "process.stderr.write('file='+seen+' env='+Object.keys(process.env).sort().join(',')+'\\n');"
                + "process.exit(7);");
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:probe",
            List.of(node.toString(), probe.toString(), secret.toString()),
            Map.of("VISIBLE", "yes"),
            null,
            List.of(probe),
            List.of());

    CrawlOutcome outcome = StdioMcpClient.crawl(spec, FAST, sandbox);

    assertEquals(CrawlStatus.PROCESS_EXITED, outcome.status(), outcome.reason());
    // PWD is set by bubblewrap's --chdir; nothing else of this JVM's environment gets through.
    assertTrue(
        outcome.reason().contains("file=unreadable env=HOME,PATH,PWD,VISIBLE"), outcome.reason());
  }

  @Test
  void aMissingExecutableCannotConnect() {
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:missing", List.of("/nonexistent/node"), Map.of(), null, List.of(), List.of());

    CrawlOutcome outcome = StdioMcpClient.crawl(spec, FAST, sandbox);

    assertEquals(CrawlStatus.CONNECT_FAILED, outcome.status());
    assertEquals("executable not found: /nonexistent/node", outcome.reason());
  }

  @Test
  void aServerWritingNonJsonForeverStopsAtTheNoiseLimit() {
    Hostile run = hostile("garbage", FAST);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, run.status(), run.reason());
    assertTrue(run.reason().startsWith("more than 1000 non-JSON lines"), run.reason());
    run.assertWithin(8_000, 64);
  }

  @Test
  void aLineOf400MiBIsTooLargeWithoutBeingHeld() {
    Hostile run = hostile("huge-line", FAST);

    assertEquals(CrawlStatus.TOO_LARGE, run.status(), run.reason());
    assertTrue(run.reason().contains("a stdout line exceeded 65536 bytes"), run.reason());
    run.assertWithin(8_000, 64);
  }

  @Test
  void nesting200000DeepIsTooLarge() {
    Hostile run = hostile("deep", withMessageBytes(FAST, 1024 * 1024));

    assertEquals(CrawlStatus.TOO_LARGE, run.status(), run.reason());
    assertTrue(run.reason().startsWith("a message nests deeper than 100 levels"), run.reason());
    run.assertWithin(8_000, 64);
  }

  @Test
  void aCursorThatNeverEndsIsTruncatedAtThePageCap() {
    Hostile run = hostile("endless-cursor", FAST);

    assertEquals(CrawlStatus.TRUNCATED, run.status(), run.reason());
    assertTrue(run.result().truncated());
    assertEquals("stopped at the page cap of 100", run.reason());
    assertEquals(100, run.result().outcome().tools().size());
    run.assertWithin(10_000, 64);
  }

  @Test
  void threeHundredThousandToolsAreTruncatedAtTheToolCap() {
    CrawlLimits big = withMessageBytes(FAST, 32 * 1024 * 1024);
    Hostile run = hostile("many-tools", big);

    assertEquals(CrawlStatus.TRUNCATED, run.status(), run.reason());
    assertEquals("stopped at the tool cap of 10000", run.reason());
    assertEquals(10_000, run.result().outcome().tools().size());
    // One 13 MiB line and its tree of 300,000 tools are held at once: the message cap bounds it.
    run.assertWithin(12_000, 512);
  }

  @Test
  void anAnswerWithAnotherIdIsAProtocolError() {
    Hostile run = hostile("wrong-id", FAST);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, run.status(), run.reason());
    assertEquals(
        "answer with id 102 while waiting for id 2 (waiting for initialize)", run.reason());
    run.assertWithin(8_000, 64);
  }

  @Test
  void oneBytePerSecondTimesOut() {
    CrawlLimits limits =
        new CrawlLimits(
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            64 * 1024,
            1024 * 1024,
            10,
            100);
    Hostile run = hostile("drip", limits);

    assertEquals(CrawlStatus.TIMEOUT, run.status(), run.reason());
    assertTrue(run.reason().startsWith("no answer to initialize within 2000 ms"), run.reason());
    run.assertWithin(8_000, 64);
  }

  @Test
  void aModernServerIsDiscoveredAndGetsMetaOnEveryRequest() {
    Hostile run = hostile("modern", FAST);

    assertEquals(CrawlStatus.OK, run.status(), run.reason());
    assertEquals("2026-07-28", run.result().outcome().protocolVersion());
    assertEquals("hostile-modern", run.result().outcome().serverInfo().get("name").asText());
    ToolDefinition tool = run.result().outcome().tools().get(0);
    assertEquals("meta_seen", tool.name());
    assertEquals("2", tool.description(), "server/discover and tools/list both carried _meta");
    assertEquals(2, run.result().prompts());
    assertEquals(-1, run.result().resources());
    assertEquals(60_000, run.result().toolsTtlMs());
    run.assertWithin(8_000, 64);
  }

  @Test
  void aServerThatDiesOnServerDiscoverIsStartedAgainWithTheLegacyHandshake() {
    Hostile run = hostile("strict", FAST);

    assertEquals(CrawlStatus.OK, run.status(), run.reason());
    assertEquals("2025-06-18", run.result().outcome().protocolVersion());
    assertEquals(1, run.result().outcome().tools().size());
    run.assertWithin(8_000, 64);
  }

  /** One hostile crawl's result, wall time and heap peak. */
  private record Hostile(ProbeResult result, long millis, long heapMib) {
    CrawlStatus status() {
      return result.status();
    }

    String reason() {
      return result.outcome().reason();
    }

    void assertWithin(long maxMillis, long maxHeapMib) {
      System.out.printf(
          "hostile stdio %s: %s in %d ms, heap peak +%d MiB%n",
          result.outcome().serverId(), status(), millis, heapMib);
      assertTrue(millis < maxMillis, "took " + millis + " ms");
      assertTrue(heapMib < maxHeapMib, "heap peak +" + heapMib + " MiB");
      assertEquals(0, runningDescendants(), "a process outlived its crawl");
    }
  }

  private Hostile hostile(String behaviour, CrawlLimits limits) {
    StdioServerSpec spec = hostileSpec(behaviour);
    try (HeapWatch heap = new HeapWatch()) {
      long start = System.nanoTime();
      ProbeResult result = StdioMcpClient.probe(spec, limits, sandbox);
      return new Hostile(result, (System.nanoTime() - start) / 1_000_000, heap.peakMib());
    }
  }

  private static CrawlLimits withMessageBytes(CrawlLimits l, int bytes) {
    return new CrawlLimits(
        l.startupTimeout(),
        l.requestTimeout(),
        l.totalTimeout(),
        bytes,
        Math.max(bytes, l.maxTotalBytes()),
        l.maxPages(),
        l.maxTools());
  }

  private StdioServerSpec hostileSpec(String behaviour) {
    return new StdioServerSpec(
        "test:hostile-" + behaviour,
        List.of(node.toString(), script.toString(), behaviour),
        Map.of(),
        null,
        List.of(script.getParent(), installRoot(node)),
        List.of());
  }

  private CrawlOutcome crawlHostile(String behaviour, CrawlLimits limits, Sandbox box) {
    StdioServerSpec spec =
        new StdioServerSpec(
            "test:hostile-" + behaviour,
            List.of(node.toString(), script.toString(), behaviour),
            Map.of(),
            null,
            List.of(script.getParent(), installRoot(node)),
            List.of());
    return StdioMcpClient.crawl(spec, limits, box);
  }

  private static long runningDescendants() {
    return ProcessHandle.current().descendants().filter(StdioConnection::running).count();
  }

  private static Path installRoot(Path nodeBinary) {
    Path bin = nodeBinary.getParent();
    return bin.getFileName().toString().equals("bin") ? bin.getParent() : bin;
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (java.io.IOException e) {
      return path;
    }
  }
}
