package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.RunLockOwner;
import dev.mcprisk.store.RunRecord;
import dev.mcprisk.store.RunStatus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs are recorded (id, trigger, times, status, stages with counts, error) and listed by {@code
 * mcprisk runs}; the pipeline lock keeps a second run out, says who holds it, waits with --wait,
 * and is taken over from a gone process; SIGTERM ends a real run INTERRUPTED within 30 s.
 */
class RunRecordsIT {
  /** Tools of the one recorded answer used: modelcontextprotocol/server-memory. */
  static final int MEMORY_TOOLS = 9;

  static final List<String> STAGES =
      List.of("registry", "tools", "store", "classify", "index", "export");

  @TempDir Path home;
  @TempDir Path snapshots;

  @Test
  void runsListsEachRunNewestFirstWithStagesCountsAndIsoTimes() throws Exception {
    memorySnapshot();
    for (int i = 0; i < 2; i++) {
      CliProcess.Result run = runOnSnapshot();
      assertEquals(0, run.exitCode(), run.stderr());
    }
    CliProcess.Result listed = CliProcess.run("runs", "--json", "--home", home.toString());
    assertEquals(0, listed.exitCode(), listed.stderr());
    JsonNode runs = Json.parse(listed.stdout()).get("runs");
    assertEquals(2, runs.size());
    assertEquals(2, runs.get(0).get("id").asLong(), "newest first");
    for (JsonNode run : runs) {
      assertEquals("manual", run.get("trigger").asText());
      assertEquals("SUCCEEDED", run.get("status").asText());
      Instant started = Instant.parse(run.get("startedAt").asText());
      Instant finished = Instant.parse(run.get("finishedAt").asText());
      assertFalse(finished.isBefore(started));
      List<String> names = new ArrayList<>();
      run.get("stages").fieldNames().forEachRemaining(names::add);
      assertEquals(STAGES, names);
      assertTrue(run.get("error").isNull());
    }
    JsonNode classify = runs.get(0).get("stages").get("classify").get("counts");
    assertEquals(0, classify.get("classified").asInt(), "second run classifies nothing new");
    assertEquals(MEMORY_TOOLS, classify.get("fromCache").asInt());
    assertEquals(
        MEMORY_TOOLS,
        runs.get(1).get("stages").get("classify").get("counts").get("classified").asInt());

    CliProcess.Result one =
        CliProcess.run("runs", "--json", "--limit", "1", "--home", home.toString());
    assertEquals(1, Json.parse(one.stdout()).get("runs").size());
    CliProcess.Result table = CliProcess.run("runs", "--home", home.toString());
    assertEquals(0, table.exitCode(), table.stderr());
    assertTrue(table.stdout().contains("SUCCEEDED"), table.stdout());
  }

  @Test
  void lockHeldByALiveProcessMakesTheRunExitOneNamingItAndWaitWaitsForIt() throws Exception {
    memorySnapshot();
    RunLockOwner holder = RunLockOwner.current();
    try (CatalogueStore store = CatalogueStore.open(home)) {
      assertTrue(store.tryLockPipeline(holder, Instant.now()).acquired());
    }
    CliProcess.Result refused = runOnSnapshot();
    assertEquals(1, refused.exitCode(), refused.stderr());
    assertTrue(refused.stderr().contains("locked by " + holder), refused.stderr());
    assertTrue(refused.stderr().contains("--wait"), refused.stderr());

    try (CliDaemon waiting =
        CliDaemon.start(
            "run",
            "--offline",
            "--wait",
            "--snapshot",
            snapshots.toString(),
            "--home",
            home.toString())) {
      waiting.awaitLine(l -> l.contains("waiting for it"), Duration.ofSeconds(60));
      try (CatalogueStore shared = CatalogueStore.open(home)) {
        assertTrue(shared.unlockPipeline(holder), "released through the waiting process");
      }
      assertEquals(0, waiting.awaitExit(Duration.ofSeconds(120)), waiting.output());
    }
    try (CatalogueStore store = CatalogueStore.open(home)) {
      assertEquals(1, store.runs(10).size(), "the refused run left no record");
      assertEquals(RunStatus.SUCCEEDED, store.runs(1).get(0).status());
      assertTrue(store.pipelineLock().isEmpty(), "released after the run");
    }
  }

  @Test
  void staleLockOfAGoneProcessIsTakenOverSaidSoAndItsRunMarkedInterrupted() throws Exception {
    memorySnapshot();
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
    RunLockOwner ghost = new RunLockOwner(gone.pid(), RunLockOwner.current().host(), Instant.EPOCH);
    long abandoned;
    try (CatalogueStore store = CatalogueStore.open(home)) {
      assertTrue(store.tryLockPipeline(ghost, Instant.now()).acquired());
      abandoned = store.startRun("schedule", Instant.now(), ghost);
    }
    CliProcess.Result run = runOnSnapshot();
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(
        run.stderr().contains("took over the stale pipeline lock of " + ghost), run.stderr());
    try (CatalogueStore store = CatalogueStore.open(home)) {
      RunRecord old = store.runs(10).get(1);
      assertEquals(abandoned, old.id());
      assertEquals(RunStatus.INTERRUPTED, old.status());
      assertTrue(old.error().contains("killed or crashed"), old.error());
    }
  }

  @Test
  void twoRealRunsNeverOverlapTheSecondNamesTheHolderAndAWaitingThirdRunsAfter() throws Exception {
    try (CliDaemon first = CliDaemon.start("run", "--offline", "--home", home.toString())) {
      first.awaitLine(l -> l.startsWith("[1/6]"), Duration.ofSeconds(60));
      CliProcess.Result second = CliProcess.run("run", "--offline", "--home", home.toString());
      CliProcess.Result third =
          CliProcess.run("run", "--offline", "--wait", "--home", home.toString());
      assertEquals(0, first.awaitExit(Duration.ofSeconds(120)), first.output());
      assertEquals(1, second.exitCode(), second.stderr());
      assertTrue(second.stderr().contains("locked by " + first.pid() + "@"), second.stderr());
      assertEquals(0, third.exitCode(), third.stderr());
    }
    try (CatalogueStore store = CatalogueStore.open(home)) {
      List<RunRecord> runs = store.runs(10);
      assertEquals(2, runs.size());
      RunRecord later = runs.get(0);
      RunRecord earlier = runs.get(1);
      assertEquals(RunStatus.SUCCEEDED, later.status());
      assertEquals(RunStatus.SUCCEEDED, earlier.status());
      assertFalse(later.startedAt().isBefore(earlier.finishedAt()), "no overlap");
    }
  }

  @Test
  void sigtermStopsARealRunWithinThirtySecondsRecordedInterruptedAndTheNextRunSucceeds()
      throws Exception {
    CliProcess.Result good = CliProcess.run("run", "--offline", "--home", home.toString());
    assertEquals(0, good.exitCode(), good.stderr());
    long toolsBefore;
    try (CatalogueStore store = CatalogueStore.open(home)) {
      toolsBefore = store.counts().tools();
    }
    try (CliDaemon run = CliDaemon.start("run", "--offline", "--home", home.toString())) {
      run.awaitLine(l -> l.startsWith("[1/6]"), Duration.ofSeconds(60));
      long signalled = System.nanoTime();
      run.sigterm();
      int exit = run.awaitExit(Duration.ofSeconds(30));
      long tookMs = (System.nanoTime() - signalled) / 1_000_000;
      assertEquals(143, exit, run.output());
      assertTrue(tookMs < 30_000, "exited " + tookMs + " ms after SIGTERM");
    }
    try (CatalogueStore store = CatalogueStore.open(home)) {
      RunRecord stopped = store.runs(1).get(0);
      assertEquals(RunStatus.INTERRUPTED, stopped.status(), stopped.toString());
      assertTrue(stopped.error().contains("SIGTERM"), stopped.error());
      assertTrue(stopped.stages().size() < STAGES.size(), stopped.stages().toString());
      assertTrue(store.pipelineLock().isEmpty(), "lock released on the way out");
      assertEquals(toolsBefore, store.counts().tools(), "nothing committed lost");
    }
    CliProcess.Result next =
        CliProcess.run("run", "--offline", "--home", home.toString(), "--json");
    assertEquals(0, next.exitCode(), next.stderr());
    assertEquals(RunCommandIT.TOOLS, Json.parse(next.stdout()).get("tools").asInt());
  }

  private CliProcess.Result runOnSnapshot() throws Exception {
    return CliProcess.run(
        "run", "--offline", "--snapshot", snapshots.toString(), "--home", home.toString());
  }

  private void memorySnapshot() throws Exception {
    String name = "modelcontextprotocol__server-memory.json";
    try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, name)) {
      Files.write(snapshots.resolve(name), in.readAllBytes());
    }
  }
}
