package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RunRecord;
import dev.mcprisk.store.RunStatus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcprisk schedule} for real: a seconds-level cron fires runs that never overlap (also not
 * with a manual run meanwhile); SIGTERM stops it within 30 s; a fire missed while no scheduler ran
 * runs exactly once on restart.
 */
class ScheduleIT {
  @TempDir Path home;
  @TempDir Path snapshots;

  @Test
  void secondsCronFiresRunsThatNeverOverlapEvenWithAManualRun() throws Exception {
    memorySnapshot();
    try (CliDaemon scheduler =
        CliDaemon.start(
            "schedule",
            "--cron",
            "0/2 * * * * ?",
            "--time-zone",
            "UTC",
            "--offline",
            "--snapshot",
            snapshots.toString(),
            "--home",
            home.toString())) {
      scheduler.awaitLine(l -> l.contains("in time zone UTC; next run at"), Duration.ofSeconds(60));
      scheduler.awaitLine(
          l -> l.contains("mcprisk schedule: run 1 SUCCEEDED"), Duration.ofSeconds(90));
      CliProcess.Result manual =
          CliProcess.run(
              "run",
              "--offline",
              "--wait",
              "--snapshot",
              snapshots.toString(),
              "--home",
              home.toString());
      assertEquals(0, manual.exitCode(), manual.stderr());
      scheduler.awaitLine(
          l -> l.matches("mcprisk schedule: run [3-9]\\d* .*"), Duration.ofSeconds(90));
      scheduler.sigterm();
      assertEquals(0, scheduler.awaitExit(Duration.ofSeconds(30)), scheduler.output());
    }
    List<RunRecord> runs = runs();
    assertTrue(runs.size() >= 3, runs.toString());
    assertTrue(runs.stream().anyMatch(r -> r.trigger().equals("manual")));
    assertTrue(runs.stream().filter(r -> r.trigger().equals("schedule")).count() >= 2);
    for (RunRecord run : runs) {
      assertTrue(
          run.status() == RunStatus.SUCCEEDED || run.status() == RunStatus.INTERRUPTED,
          run.toString());
      assertFalse(run.status() == RunStatus.RUNNING, run.toString());
    }
    for (int i = 1; i < runs.size(); i++) {
      assertFalse(
          runs.get(i).startedAt().isBefore(runs.get(i - 1).finishedAt()),
          "run " + runs.get(i).id() + " overlaps run " + runs.get(i - 1).id());
    }
  }

  @Test
  void fireMissedWhileStoppedRunsExactlyOnceOnRestart() throws Exception {
    memorySnapshot();
    ZonedDateTime fire = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(25).withNano(0);
    String cron = fire.getSecond() + " " + fire.getMinute() + " " + fire.getHour() + " * * ?";
    try (CliDaemon first = schedule(cron)) {
      first.awaitLine(
          l -> l.contains("next run at " + fire.toOffsetDateTime()), Duration.ofSeconds(20));
      first.sigterm();
      first.awaitExit(Duration.ofSeconds(30));
    }
    assertTrue(Instant.now().isBefore(fire.toInstant()), "stopped before the fire time");
    assertEquals(0, runs().size());
    long wait = Duration.between(Instant.now(), fire.toInstant().plusSeconds(3)).toMillis();
    TimeUnit.MILLISECONDS.sleep(Math.max(0, wait));

    try (CliDaemon second = schedule(cron)) {
      second.awaitLine(
          l -> l.contains("mcprisk schedule: run 1 SUCCEEDED"), Duration.ofSeconds(90));
      TimeUnit.SECONDS.sleep(4);
      second.sigterm();
      second.awaitExit(Duration.ofSeconds(30));
      String tomorrow = fire.plusDays(1).toInstant().toString();
      assertTrue(second.output().contains("; next " + tomorrow), second.output());
    }
    List<RunRecord> runs = runs();
    assertEquals(1, runs.size(), "the missed fire ran once: " + runs);
    assertEquals("schedule", runs.get(0).trigger());
    assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
    assertTrue(runs.get(0).startedAt().isAfter(fire.toInstant()), "ran after the missed time");
  }

  private CliDaemon schedule(String cron) throws Exception {
    return CliDaemon.start(
        "schedule",
        "--cron",
        cron,
        "--time-zone",
        "UTC",
        "--misfire-threshold",
        "1",
        "--offline",
        "--snapshot",
        snapshots.toString(),
        "--home",
        home.toString());
  }

  private List<RunRecord> runs() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<RunRecord> runs = new ArrayList<>(store.runs(100));
      runs.sort(Comparator.comparing(RunRecord::id));
      return runs;
    }
  }

  private void memorySnapshot() throws Exception {
    String name = "modelcontextprotocol__server-memory.json";
    try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, name)) {
      Files.write(snapshots.resolve(name), in.readAllBytes());
    }
  }
}
