package dev.mcprisk.pipeline.source;

import dev.mcprisk.crawler.http.HostGate;
import dev.mcprisk.crawler.mcp.McpProbe;
import dev.mcprisk.crawler.mcp.ProbeOptions;
import dev.mcprisk.crawler.mcp.ProbeResult;
import dev.mcprisk.crawler.mcp.ProbeTarget;
import dev.mcprisk.crawler.mcp.ProbeTransport;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stage 2 source listing the tools of servers with {@code remotes} over Streamable HTTP or the
 * legacy HTTP+SSE transport, with the project's MCP client ({@link McpProbe}).
 *
 * <p>Which servers: the entries of this run (on an incremental run, those the registry says
 * changed), plus stored servers with remotes that were never crawled live or not within {@link
 * CrawlSettings#recrawlAfter()}. A server that already has a usable answer in this run is skipped.
 * {@code AUTH_REQUIRED} is a normal outcome (most hosted servers need a token): it is stored with
 * the authorization server's metadata URL in its reason and keeps the earlier tools.
 *
 * <p>Politeness: {@link CrawlSettings#concurrency()} crawls at once overall and at most {@code
 * politeness().concurrentPerHost()} at once per host (many hosted servers share one host; a {@link
 * HostGate} per host, without fairness or an interval between starts). Every crawl is bounded by
 * {@link dev.mcprisk.crawler.mcp.CrawlLimits} and the address policy (no private or loopback
 * addresses unless allowed).
 */
public final class RemoteCrawlSource implements ToolSource {
  /** The source's name in counts and failures. */
  public static final String NAME = "remotes";

  private final CrawlSession session;
  private final Map<String, HostGate> hostGates = new ConcurrentHashMap<>();

  public RemoteCrawlSource(CrawlSession session) {
    this.session = Objects.requireNonNull(session, "session == null");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The remote to crawl: the first Streamable HTTP one, else the first SSE one, else null. */
  static Remote pick(ServerEntry entry) {
    Remote sse = null;
    for (Remote remote : entry.remotes()) {
      String type = remote.type() == null ? "" : remote.type().toLowerCase(Locale.ROOT);
      if (type.equals("streamable-http") && remote.url() != null) {
        return remote;
      }
      if (type.equals("sse") && remote.url() != null && sse == null) {
        sse = remote;
      }
    }
    return sse;
  }

  @Override
  public void crawl(SourceContext ctx, Map<String, ServerEntry> entries, ToolSink sink)
      throws IOException {
    Map<String, Remote> targets = new LinkedHashMap<>();
    for (ServerEntry entry : entries.values()) {
      Remote remote = pick(entry);
      if (remote != null && !sink.hasUsable(entry.id())) {
        targets.put(entry.id(), remote);
      }
    }
    int stale = 0;
    try {
      Instant before = ctx.startedAt().minus(session.settings().recrawlAfter());
      for (ServerEntry entry : ctx.store().serversWithRemotesNotCrawledSince(before)) {
        Remote remote = pick(entry);
        if (remote != null && !targets.containsKey(entry.id()) && !sink.hasUsable(entry.id())) {
          targets.put(entry.id(), remote);
          stale++;
        }
      }
    } catch (StoreException e) {
      throw new IOException("cannot list stored remotes: " + e.getMessage(), e);
    }
    sink.count(SourceCount.REMOTE_TARGETS, targets.size());
    sink.count(SourceCount.REMOTE_OK, 0);
    sink.count(SourceCount.REMOTE_RECRAWLS, stale);
    if (targets.isEmpty()) {
      return;
    }
    ProbeOptions options =
        ProbeOptions.defaults()
            .withLimits(ctx.config().limits())
            .withAllowPrivateNetwork(session.settings().allowPrivateNetwork())
            .withClientCapabilities(ctx.config().clientCapabilities());
    int perHost = Math.max(1, session.settings().politeness().concurrentPerHost());
    CrawlProgress progress = session.settings().progress("remote servers", targets.size());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(session.settings().concurrency(), targets.size()),
            r -> {
              Thread t = new Thread(r, "mcprisk-remote-crawl");
              t.setDaemon(true);
              return t;
            });
    List<Future<?>> futures = new ArrayList<>(targets.size());
    try {
      for (Map.Entry<String, Remote> target : targets.entrySet()) {
        futures.add(
            pool.submit(
                () -> {
                  if (!ctx.stop().stopRequested()) {
                    crawlOne(target.getKey(), target.getValue(), options, perHost, sink);
                  }
                  progress.advance(1);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re; // the sink's store failure ends the run
          }
          if (cause instanceof Error error) {
            throw error; // only what McpProbe.internalError rethrows: the JVM cannot go on
          }
          throw new IOException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while crawling remotes", e);
        }
      }
    } finally {
      pool.shutdownNow();
      progress.finish();
    }
  }

  private void crawlOne(
      String serverId, Remote remote, ProbeOptions options, int perHost, ToolSink sink)
      throws InterruptedException {
    ProbeTransport transport =
        "sse".equalsIgnoreCase(remote.type()) ? ProbeTransport.SSE : ProbeTransport.HTTP;
    ProbeTarget target;
    try {
      target = ProbeTarget.url(remote.url(), transport).withServerId(serverId);
    } catch (IllegalArgumentException e) {
      CrawlOutcome bad =
          CrawlOutcome.failed(
              serverId,
              CrawlStatus.CONNECT_FAILED,
              "remote URL is not usable: " + e.getMessage(),
              Instant.now(),
              transport == ProbeTransport.SSE ? "sse" : "streamable-http",
              0);
      sink.accept(bad);
      sink.failed(serverId, bad.status().name(), bad.reason());
      return;
    }
    String host = hostOf(remote.url());
    HostGate gate =
        hostGates.computeIfAbsent(
            host, h -> new HostGate(perHost, HostGate.NO_INTERVAL_NANOS, false));
    gate.enter();
    ProbeResult result;
    try {
      result = McpProbe.probe(target, options);
    } finally {
      gate.leave();
    }
    CrawlOutcome outcome = result.outcome();
    sink.accept(outcome);
    sink.countRemoteOutcome(outcome.status());
    if (!outcome.status().usable()) {
      sink.failed(serverId, outcome.status().name(), outcome.reason());
    }
  }

  private static String hostOf(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
