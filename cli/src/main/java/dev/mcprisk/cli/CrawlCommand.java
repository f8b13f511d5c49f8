package dev.mcprisk.cli;

import dev.mcprisk.pipeline.PipelineConfig;
import dev.mcprisk.pipeline.PipelineLockedException;
import dev.mcprisk.pipeline.source.CrawlSettings;
import dev.mcprisk.pipeline.source.CrawlSourceKind;
import dev.mcprisk.pipeline.source.LiveSources;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk crawl}: the pipeline over the live sources only. */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = {
      "Crawls the live sources: the MCP Registry API (only what changed since the last complete"
          + " crawl, unless --full or --since), npm and PyPI metadata of the packages entries"
          + " name, tools documented in READMEs, and tools/list of servers with remotes; then"
          + " stores, classifies, indexes and exports the catalogue like `run`.",
      "Every HTTP fetch is polite (2 requests/s and 2 at once per host, retries with backoff"
          + " honouring Retry-After, conditional requests through an HTTP cache in"
          + " <home>/http-cache) and written to the crawl log (`mcprisk crawl-log`). A bad page"
          + " or entry is recorded and skipped; earlier good data is kept."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run SUCCEEDED (some fetches may have failed: see the summary and crawl-log)",
      "1:it FAILED, or the pipeline lock is held by another process",
      "2:usage error",
      "143:stopped by SIGTERM (130: SIGINT) at a safe point, recorded INTERRUPTED"
    })
final class CrawlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Mixin PipelineOptions pipeline;

  @Mixin CrawlOptions crawl;

  @Option(names = "--json", description = "Print the summary as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws StoreException, IOException, PipelineLockedException {
    String problem = pipeline.problem();
    if (problem == null) {
      problem = crawl.problem();
    }
    if (problem == null && (pipeline.offline || pipeline.snapshot != null)) {
      problem = "crawl reads live sources: --offline and --snapshot belong to `mcprisk run`";
    }
    CommandLine cli = spec.commandLine();
    if (problem != null) {
      cli.getErr().println("mcprisk: " + problem);
      return Main.EXIT_USAGE;
    }
    PrintStream progress = PrintWriterStream.over(cli.getErr());
    CrawlSettings settings = crawl.settings(EnumSet.allOf(CrawlSourceKind.class), progress);
    PipelineConfig base = pipeline.config(home.resolve(), PipelineConfig.TRIGGER_MANUAL);
    return RunCommand.execute(
        base,
        settings,
        session -> base.withSources(LiveSources.forCrawl(session)),
        json,
        cli,
        progress);
  }
}
