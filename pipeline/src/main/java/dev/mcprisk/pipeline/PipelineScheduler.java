package dev.mcprisk.pipeline;

import dev.mcprisk.store.CatalogueConnectionProvider;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The nightly job: a Quartz scheduler whose JDBC job store lives in the catalogue database (tables
 * of migration V3), so the schedule and missed fires survive restarts.
 *
 * <p>One trigger, {@value #GROUP}.{@value #TRIGGER}, a cron trigger in the configured time zone. On
 * start an identical stored trigger is kept (so a fire missed while no scheduler ran is found and
 * run once: misfire instruction "fire once now, then proceed"); a different one is replaced. The
 * job ({@link PipelineJob}) runs one {@link Pipeline} with trigger {@code schedule}; one at a time,
 * and the pipeline lock keeps a manual run or a second scheduler out.
 *
 * <p>Quartz runs non-clustered on one worker thread named {@code mcprisk-schedule_Worker-1}; the
 * scale-out path (PostgreSQL, {@code org.quartz.jobStore.isClustered=true}, set in {@code
 * <home>/}{@value #QUARTZ_OVERRIDES}) is in the README.
 *
 * <p>Thread-safe: {@link #shutdown} may be called from any thread while a run is active.
 */
public final class PipelineScheduler {
  /** Key of this process's scheduler in the Quartz scheduler context. */
  static final String CONTEXT_KEY = "mcprisk.pipelineScheduler";

  /** Quartz scheduler name; also {@code SCHED_NAME} in the job store tables. */
  public static final String SCHEDULER_NAME = "mcprisk";

  /** Group of the job and the trigger. */
  public static final String GROUP = "mcprisk";

  /** Name of the job. */
  public static final String JOB = "pipeline";

  /** Name of the trigger. */
  public static final String TRIGGER = "nightly";

  /**
   * File under the data home whose Quartz properties, when present, override the defaults (e.g.
   * {@code org.quartz.jobStore.isClustered=true} and a PostgreSQL delegate and URL).
   */
  public static final String QUARTZ_OVERRIDES = "quartz.properties";

  private final Scheduler quartz;
  private final CatalogueStore anchor;
  private final PipelineConfig config;
  private final ScheduleConfig schedule;
  private final PrintStream log;
  private final StopSignal stop;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private PipelineScheduler(
      Scheduler quartz,
      CatalogueStore anchor,
      PipelineConfig config,
      ScheduleConfig schedule,
      PrintStream log,
      StopSignal stop) {
    this.quartz = quartz;
    this.anchor = anchor;
    this.config = config;
    this.schedule = schedule;
    this.log = log;
    this.stop = stop;
  }

  /**
   * Opens (and migrates) the store, sets up the trigger and starts the scheduler. The store stays
   * open until {@link #shutdown}, so with H2 this process serves it to others (automatic mixed
   * mode, {@link CatalogueStore#h2Url}).
   *
   * @param config the runs to make; its trigger is replaced by {@code schedule}
   * @param schedule when
   * @param log where each run's progress lines and a line per fire go
   * @param stop raised to stop a run at its next safe point
   * @throws StoreException when the catalogue database cannot be opened or migrated
   * @throws SchedulerException when Quartz cannot start on it
   */
  public static PipelineScheduler start(
      PipelineConfig config, ScheduleConfig schedule, PrintStream log, StopSignal stop)
      throws StoreException, SchedulerException {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(schedule, "schedule == null");
    CatalogueStore anchor = CatalogueStore.open(config.home());
    try {
      Scheduler quartz = new StdSchedulerFactory(properties(config, schedule)).getScheduler();
      PipelineScheduler scheduler =
          new PipelineScheduler(
              quartz,
              anchor,
              config.withTrigger(PipelineConfig.TRIGGER_SCHEDULE),
              schedule,
              log,
              stop);
      quartz.getContext().put(CONTEXT_KEY, scheduler);
      scheduler.ensureTrigger();
      quartz.start();
      return scheduler;
    } catch (SchedulerException | RuntimeException e) {
      try {
        anchor.close();
      } catch (StoreException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  static Properties properties(PipelineConfig config, ScheduleConfig schedule) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
    p.setProperty("org.quartz.scheduler.instanceId", "NON_CLUSTERED");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "mcprisk-schedule");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", "catalogue");
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", "false");
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold",
        Long.toString(schedule.misfireThreshold().toMillis()));
    p.setProperty(
        "org.quartz.dataSource.catalogue.connectionProvider.class",
        CatalogueConnectionProvider.class.getName());
    p.setProperty("org.quartz.dataSource.catalogue.url", CatalogueStore.h2Url(config.home()));
    Path overrides = config.home().resolve(QUARTZ_OVERRIDES);
    if (Files.isRegularFile(overrides)) {
      try (Reader in = Files.newBufferedReader(overrides, StandardCharsets.UTF_8)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + overrides, e);
      }
    }
    return p;
  }

  private void ensureTrigger() throws SchedulerException {
    JobKey jobKey = JobKey.jobKey(JOB, GROUP);
    TriggerKey triggerKey = TriggerKey.triggerKey(TRIGGER, GROUP);
    JobDetail job =
        JobBuilder.newJob(PipelineJob.class)
            .withIdentity(jobKey)
            .withDescription("mcprisk pipeline run")
            .storeDurably()
            .build();
    quartz.addJob(job, true);
    CronTrigger wanted =
        TriggerBuilder.newTrigger()
            .withIdentity(triggerKey)
            .forJob(jobKey)
            .withSchedule(
                CronScheduleBuilder.cronSchedule(schedule.cron())
                    .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                    .withMisfireHandlingInstructionFireAndProceed())
            .build();
    Trigger existing = quartz.getTrigger(triggerKey);
    if (existing == null) {
      quartz.scheduleJob(wanted);
    } else if (!(existing instanceof CronTrigger c)
        || !c.getCronExpression().equals(schedule.cron())
        || !c.getTimeZone().getID().equals(TimeZone.getTimeZone(schedule.zone()).getID())) {
      log.println(
          "mcprisk schedule: replacing the stored schedule "
              + describe(existing)
              + " with '"
              + schedule.cron()
              + "' in "
              + schedule.zone());
      quartz.rescheduleJob(triggerKey, wanted);
    }
  }

  private static String describe(Trigger trigger) {
    return trigger instanceof CronTrigger c
        ? "'" + c.getCronExpression() + "' in " + c.getTimeZone().getID()
        : trigger.getKey().toString();
  }

  /**
   * When the trigger fires next, in the schedule's time zone.
   *
   * @return the next fire time, or null when none is left
   * @throws SchedulerException when the job store cannot be read
   */
  public ZonedDateTime nextFireTime() throws SchedulerException {
    Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(TRIGGER, GROUP));
    Date next = trigger == null ? null : trigger.getNextFireTime();
    return next == null ? null : next.toInstant().atZone(schedule.zone());
  }

  /** Called by {@link PipelineJob} on each fire; never throws. */
  void runOnce(Date scheduledFor, Date firedAt) {
    if (stop.stopRequested()) {
      return;
    }
    log.println(
        "mcprisk schedule: fire scheduled for "
            + instant(scheduledFor)
            + " started at "
            + instant(firedAt));
    log.flush();
    try {
      RunSummary summary = new Pipeline(config, log, Clock.systemUTC(), stop).run();
      log.println(
          "mcprisk schedule: run "
              + summary.runId()
              + " "
              + summary.status()
              + " in "
              + summary.totalMillis()
              + " ms; "
              + summary.changes()
              + " changes, "
              + summary.suspectedRugPulls()
              + " suspected rug pulls; next "
              + nextFireTime());
    } catch (PipelineLockedException e) {
      log.println("mcprisk schedule: fire skipped: " + e.getMessage());
    } catch (StoreException | IOException | SchedulerException | RuntimeException e) {
      log.println("mcprisk schedule: run FAILED: " + e.getMessage());
    }
    log.flush();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  /**
   * Stops the scheduler: raises the stop signal, waits up to {@code grace} for the active run to
   * record its end and Quartz to stop, then closes the store. Call once.
   *
   * @param grace longest wait for the active run
   */
  public void shutdown(Duration grace) {
    stop.requestStop(stop.reason() == null ? "scheduler shutdown" : stop.reason());
    Thread closer =
        new Thread(
            () -> {
              try {
                quartz.shutdown(true);
              } catch (SchedulerException e) {
                log.println("mcprisk schedule: Quartz shutdown: " + e.getMessage());
              }
            },
            "mcprisk-schedule-shutdown");
    closer.start();
    try {
      closer.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      anchor.close();
    } catch (StoreException e) {
      log.println("mcprisk schedule: " + e.getMessage());
    }
    stopped.countDown();
  }

  /**
   * Blocks until {@link #shutdown} has ended (e.g. called on SIGTERM by {@link
   * StopSignal#onSignals}): the active run recorded its end, Quartz stopped, the store closed.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }
}
