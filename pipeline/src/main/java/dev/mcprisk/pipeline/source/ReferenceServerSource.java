package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.crawler.mcp.StdioMcpClient;
import dev.mcprisk.crawler.mcp.StdioServerSpec;
import dev.mcprisk.crawler.reference.InstallResult;
import dev.mcprisk.crawler.reference.ReferenceServers;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.pipeline.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live crawl: starts each pinned reference MCP server ({@link ReferenceServers}, installed with
 * npm into {@link PipelineConfig#serversDir()}) over stdio, in the bubblewrap sandbox unless {@link
 * PipelineConfig#sandboxed()} is false, and lists its tools within {@link PipelineConfig#limits()}.
 * Skipped, with a note, when the run is offline, node is not on the PATH, the sandbox is not
 * available or the servers cannot be installed.
 *
 * <p>Counts: {@code liveCrawls} servers started, {@code liveOk} of them answering OK. A server that
 * is not usable is a failure of the tools stage; a server not in the registry gets an entry of
 * source {@value dev.mcprisk.model.Origins#LIVE}.
 *
 * <p>Thread-safe: stateless; one server at a time.
 */
public final class ReferenceServerSource implements ToolSource {
  /** This source's name. */
  public static final String NAME = Origins.LIVE;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink)
      throws IOException {
    PipelineConfig config = ctx.config();
    if (config.offline()) {
      return;
    }
    sink.count(SourceCount.LIVE_CRAWLS, 0);
    sink.count(SourceCount.LIVE_OK, 0);
    Optional<Path> node = ReferenceServers.findNode();
    if (node.isEmpty()) {
      sink.note("node not found on PATH: live crawl skipped, recorded answers used");
      return;
    }
    Sandbox sandbox = config.sandboxed() ? Sandbox.detect() : Sandbox.none();
    if (!sandbox.available()) {
      sink.note("live crawl skipped: " + sandbox.unavailableReason());
      return;
    }
    if (!config.sandboxed()) {
      sink.note("live crawl ran WITHOUT a sandbox (--no-sandbox)");
    }
    InstallResult install = ReferenceServers.ensureInstalled(config.serversDir(), true);
    if (!install.ok()) {
      sink.note(
          "reference servers not installed in "
              + config.serversDir()
              + ": "
              + install.reason()
              + "; recorded answers used");
      return;
    }
    Path scratch;
    try {
      Files.createDirectories(config.home());
      scratch = Files.createTempDirectory(config.home(), "live-");
    } catch (IOException e) {
      sink.note("live crawl skipped: cannot create a scratch folder in " + config.home());
      return;
    }
    try {
      for (StdioServerSpec spec : ReferenceServers.specs(config.serversDir(), scratch)) {
        if (ctx.stop().stopRequested()) {
          return;
        }
        CrawlOutcome outcome =
            StdioMcpClient.crawl(
                spec, config.limits(), sandbox, Set.of(), config.clientCapabilities());
        sink.count(SourceCount.LIVE_CRAWLS, 1);
        if (outcome.status() == CrawlStatus.OK) {
          sink.count(SourceCount.LIVE_OK, 1);
        }
        if (!outcome.status().usable()) {
          sink.failed(spec.serverId(), outcome.status().name(), outcome.reason());
        }
        if (!entries.containsKey(spec.serverId())) {
          sink.addEntry(entryFromLive(spec.serverId(), outcome));
        }
        sink.accept(outcome);
      }
    } finally {
      FileTrees.deleteQuietly(scratch);
    }
  }

  static ServerEntry entryFromLive(String id, CrawlOutcome outcome) {
    String name = id.startsWith("npm:") ? id.substring("npm:".length()) : id;
    return new ServerEntry(
        id,
        name,
        Json.text(outcome.serverInfo(), "title"),
        Json.text(outcome.serverInfo(), "description"),
        Json.text(outcome.serverInfo(), "version"),
        null,
        List.of(new ServerPackage("npm", name, null, "npx", "stdio", null, List.of())),
        List.of(),
        Origins.LIVE,
        "active");
  }
}
