package dev.mcprisk.cli;

import ch.qos.logback.classic.Level;
import dev.mcprisk.pipeline.PipelineConfig;
import dev.mcprisk.pipeline.PipelineScheduler;
import dev.mcprisk.pipeline.ScheduleConfig;
import dev.mcprisk.pipeline.StopSignal;
import dev.mcprisk.pipeline.source.CrawlSession;
import dev.mcprisk.pipeline.source.CrawlSettings;
import dev.mcprisk.pipeline.source.CrawlSourceKind;
import dev.mcprisk.pipeline.source.LiveSources;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.quartz.SchedulerException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk schedule}: a long-running process that runs the pipeline on a cron schedule. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline on a Quartz cron schedule until stopped (SIGTERM or Ctrl-C stop it"
          + " within 25 s; an active run is recorded INTERRUPTED).",
      "The schedule lives in the catalogue database, so a fire missed while no scheduler ran"
          + " runs once on the next start. One run at a time; a manual `mcprisk run` meanwhile"
          + " finds the pipeline lock held, and a fire that finds it held is skipped (or waits,"
          + " with --wait). Progress goes to stderr, one line per stage and per fire."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by a signal",
      "1:the store or the scheduler cannot start",
      "2:usage error (bad cron expression, time zone or folder)"
    })
final class ScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Environment variable that sets the level of the {@code mcprisk} loggers (logback.xml). */
  static final String LOG_LEVEL_ENV = "MCPRISK_LOG_LEVEL";

  /**
   * Longest the scheduler waits for an active run on shutdown: 20 s, within the 25 s bound of
   * StopSignal.
   */
  static final Duration SCHEDULER_GRACE = Duration.ofSeconds(20);

  @Mixin HomeOption home;

  @Mixin PipelineOptions pipeline;

  @Mixin CrawlOptions crawl;

  @Option(
      names = "--cron",
      paramLabel = "EXPR",
      defaultValue = ScheduleConfig.DEFAULT_CRON,
      description =
          "Quartz cron expression: seconds minutes hours day-of-month month day-of-week"
              + " (default: '${DEFAULT-VALUE}', 02:00 every day).")
  String cron;

  @Option(
      names = "--time-zone",
      paramLabel = "TZ",
      description =
          "Time zone the cron expression is read in, e.g. Europe/Berlin (default: the"
              + " system's, printed at start).")
  String timeZone;

  @Option(
      names = "--misfire-threshold",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How late a fire may start before it counts as missed; a missed fire runs once as soon"
              + " as possible (default: ${DEFAULT-VALUE} s).")
  long misfireSeconds;

  @Override
  public Integer call()
      throws StoreException, SchedulerException, InterruptedException, IOException {
    String problem = pipeline.problem();
    if (problem == null) {
      problem = crawl.problem();
    }
    if (problem == null && pipeline.offline && crawl.any()) {
      problem = "--offline reads no live source: drop --offline or the live-source options";
    }
    ScheduleConfig schedule = null;
    boolean systemZone = timeZone == null;
    try {
      ZoneId zone = systemZone ? ZoneId.systemDefault() : ZoneId.of(timeZone);
      schedule = new ScheduleConfig(cron, zone, Duration.ofSeconds(misfireSeconds));
    } catch (DateTimeException | IllegalArgumentException e) {
      problem = problem != null ? problem : e.getMessage();
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (problem != null) {
      err.println("mcprisk: " + problem);
      return Main.EXIT_USAGE;
    }
    PrintStream progress = PrintWriterStream.over(err);
    PipelineConfig config = pipeline.config(home.resolve(), PipelineConfig.TRIGGER_SCHEDULE);
    // One crawl session (HTTP client, cache, npm registry) for every scheduled run.
    CrawlSettings settings = crawl.settings(EnumSet.noneOf(CrawlSourceKind.class), progress);
    CrawlSession session = new CrawlSession(settings, config.home());
    if (crawl.any()) {
      config =
          config.withSources(LiveSources.forRun(session, config.offline(), config.snapshotDir()));
    }
    if (System.getenv(LOG_LEVEL_ENV) == null
        && LoggerFactory.getLogger("mcprisk") instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(Level.INFO); // unattended: one line per stage and per failure
    }
    AtomicReference<PipelineScheduler> running = new AtomicReference<>();
    StopSignal stop =
        StopSignal.onSignals(
            () -> {
              PipelineScheduler s = running.get();
              if (s != null) {
                s.shutdown(SCHEDULER_GRACE);
              }
            });
    PipelineScheduler scheduler = PipelineScheduler.start(config, schedule, progress, stop);
    running.set(scheduler);
    ZonedDateTime next = scheduler.nextFireTime();
    out.println(
        "mcprisk schedule: cron '"
            + schedule.cron()
            + "' in time zone "
            + schedule.zone()
            + (systemZone ? " (the system's)" : "")
            + "; next run at "
            + (next == null ? "never" : next.toOffsetDateTime())
            + "; home "
            + config.home()
            + "; stop with SIGTERM or Ctrl-C");
    out.flush();
    try {
      scheduler.awaitShutdown();
    } finally {
      session.close();
    }
    return Main.EXIT_OK;
  }
}
