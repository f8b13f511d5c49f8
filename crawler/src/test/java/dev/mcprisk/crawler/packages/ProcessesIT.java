package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesIT {

  @TempDir Path temp;

  @Test
  void aHangingCommandIsKilledOnItsDeadlineAndOnlyTheTailOfItsOutputKept() throws Exception {
    ProcessResult result =
        Processes.run(
            List.of("/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\0' a; echo END; sleep 30"),
            temp,
            Map.of("PATH", "/usr/bin:/bin"),
            Duration.ofSeconds(1),
            100);

    assertTrue(result.timedOut());
    assertFalse(result.ok());
    assertEquals(-1, result.exitCode());
    // The shell may add a "Killed" line for its child after END.
    assertTrue(result.outputTail().contains("aaaEND"), result.outputTail());
    assertTrue(result.outputTail().length() <= 100, result.outputTail());
    assertTrue(result.durationMs() < 5_000, "took " + result.durationMs() + " ms");
  }

  @Test
  void theChildGetsExactlyTheGivenEnvironment() throws Exception {
    ProcessResult result =
        Processes.run(
            List.of("/usr/bin/env"), temp, Map.of("ONLY", "this"), Duration.ofSeconds(10), 1000);

    assertTrue(result.ok(), result.outputTail());
    assertEquals("ONLY=this", result.outputTail());
  }
}
