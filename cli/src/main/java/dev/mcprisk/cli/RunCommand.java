package dev.mcprisk.cli;

import dev.mcprisk.json.Json;
import dev.mcprisk.pipeline.DiskSpace;
import dev.mcprisk.pipeline.Pipeline;
import dev.mcprisk.pipeline.PipelineConfig;
import dev.mcprisk.pipeline.PipelineLockedException;
import dev.mcprisk.pipeline.RunSummary;
import dev.mcprisk.pipeline.StopSignal;
import dev.mcprisk.pipeline.source.CrawlSession;
import dev.mcprisk.pipeline.source.CrawlSettings;
import dev.mcprisk.pipeline.source.CrawlSourceKind;
import dev.mcprisk.pipeline.source.LiveSources;
import dev.mcprisk.store.RunStatus;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk run}: the whole pipeline once, then a summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline once: registry entries, tools (a live stdio crawl of the reference"
          + " servers, then the recorded answers), store, classify, index, export; then prints a"
          + " summary. The live sources of `mcprisk crawl` (--source registry,npm,...) can be"
          + " added; by default only the bundled data and the reference servers are read.",
      "Writes <home>/catalogue.mv.db, <home>/index/ and <home>/export/. Holds the pipeline lock"
          + " in the store while it runs; SIGTERM stops it at the next safe point within 25 s and"
          + " records it INTERRUPTED."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run SUCCEEDED",
      "1:it FAILED, or the pipeline lock is held by another process",
      "2:usage error",
      "143:stopped by SIGTERM (130: SIGINT) at a safe point, recorded INTERRUPTED"
    })
final class RunCommand implements Callable<Integer> {
  /** Environment variable naming where the reference MCP servers are installed. */
  static final String SERVERS_DIR_ENV = PipelineOptions.SERVERS_DIR_ENV;

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
    if (problem == null && pipeline.offline && crawl.any()) {
      problem = "--offline reads no live source: drop --offline or the live-source options";
    }
    CommandLine cli = spec.commandLine();
    if (problem != null) {
      cli.getErr().println("mcprisk: " + problem);
      return Main.EXIT_USAGE;
    }
    PrintStream progress = PrintWriterStream.over(cli.getErr());
    PipelineConfig config = pipeline.config(home.resolve(), PipelineConfig.TRIGGER_MANUAL);
    CrawlSettings settings = crawl.settings(EnumSet.noneOf(CrawlSourceKind.class), progress);
    boolean live = crawl.any();
    return execute(
        config,
        settings,
        session ->
            live
                ? config.withSources(
                    LiveSources.forRun(session, config.offline(), config.snapshotDir()))
                : config,
        json,
        cli,
        progress);
  }

  /**
   * Runs the pipeline once with the sources {@code configure} picks, prints the summary (JSON or
   * text) on the command's standard output and maps its status to the exit code; shared by {@code
   * run} and {@code crawl}.
   *
   * @param cli the running command: the summary goes to its {@code getOut()}, errors to its {@code
   *     getErr()}
   * @param progress the pipeline's progress lines ({@link PrintWriterStream} over {@code
   *     cli.getErr()})
   * @return {@link Main#EXIT_OK} when the run SUCCEEDED, the signal's exit status when a signal
   *     stopped it, else {@link Main#EXIT_FAILURE} (also when the store or home cannot be written)
   */
  static int execute(
      PipelineConfig base,
      CrawlSettings settings,
      Function<CrawlSession, PipelineConfig> configure,
      boolean json,
      CommandLine cli,
      PrintStream progress)
      throws StoreException, IOException, PipelineLockedException {
    StopSignal stop = StopSignal.onSignals(null);
    RunSummary summary;
    try (CrawlSession session = new CrawlSession(settings, base.home())) {
      summary = new Pipeline(configure.apply(session), progress, Clock.systemUTC(), stop).run();
    } catch (StoreException | IOException e) {
      cli.getErr().println("mcprisk: " + e.getMessage() + DiskSpace.note(base.home()));
      return Main.EXIT_FAILURE;
    }
    PrintWriter out = cli.getOut();
    if (json) {
      out.println(Json.writePretty(summary));
      out.flush();
    } else {
      SummaryPrinter.print(summary, out);
    }
    if (RunStatus.SUCCEEDED.name().equals(summary.status())) {
      return Main.EXIT_OK;
    }
    return stop.signalExitStatus() != 0 ? stop.signalExitStatus() : Main.EXIT_FAILURE;
  }
}
