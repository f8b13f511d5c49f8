package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopSignalTest {

  @Test
  void stopActionsRunOnceWhenTheStopIsRequestedAndAtOnceWhenItAlreadyWas() {
    StopSignal stop = new StopSignal();
    List<String> ran = new ArrayList<>();
    stop.onStop(() -> ran.add("first"));
    StopSignal.Registration removed = stop.onStop(() -> ran.add("removed"));
    stop.onStop(
        () -> {
          throw new IllegalStateException("a failing action does not stop the others");
        });
    stop.onStop(() -> ran.add("second"));
    removed.close();

    stop.requestStop("SIGTERM");
    stop.requestStop("again");
    stop.onStop(() -> ran.add("late"));

    assertEquals(List.of("first", "second", "late"), ran);
    assertEquals("SIGTERM", stop.reason());
    assertTrue(stop.stopRequested());
  }
}
