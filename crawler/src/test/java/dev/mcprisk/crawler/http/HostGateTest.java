package dev.mcprisk.crawler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostGateTest {
  private static final long MS = 1_000_000L;

  /** A latch that never opens: nothing is cancelled. */
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  @Test
  void atMostPermitsCallersAreInsideAtOnce() throws Exception {
    HostGate gate = new HostGate(2, HostGate.NO_INTERVAL_NANOS, false);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        calls.add(
            pool.submit(
                () -> {
                  gate.enter();
                  try {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(20);
                    inside.decrementAndGet();
                  } finally {
                    gate.leave();
                  }
                  return null;
                }));
      }
      for (Future<?> call : calls) {
        call.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, most.get(), "callers inside at once");
    assertEquals(2, gate.availablePermits(), "every permit given back");
  }

  @Test
  void aCallerWaitsForAPermitUntilOneIsGivenBack() throws Exception {
    HostGate gate = new HostGate(1, HostGate.NO_INTERVAL_NANOS, true);
    assertTrue(gate.enter(NEVER));
    CountDownLatch entered = new CountDownLatch(1);
    Thread second =
        new Thread(
            () -> {
              try {
                gate.enter();
                entered.countDown();
                gate.leave();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    second.start();
    assertFalse(entered.await(200, TimeUnit.MILLISECONDS), "entered while the permit was held");
    gate.leave();
    assertTrue(entered.await(10, TimeUnit.SECONDS), "did not enter after the permit came back");
    second.join(10_000);
    assertEquals(1, gate.availablePermits());
  }

  @Test
  void startsAreAtLeastTheIntervalApart() throws Exception {
    long interval = 40 * MS;
    HostGate gate = new HostGate(4, interval, true);
    long before = System.nanoTime();
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      assertTrue(gate.enter(NEVER));
      starts.add(System.nanoTime());
      gate.leave();
    }
    // the n-th start's slot is (n - 1) intervals after the gate was made, or later
    for (int n = 0; n < starts.size(); n++) {
      assertTrue(
          starts.get(n) - before >= n * interval,
          "start " + n + " after " + (starts.get(n) - before) / MS + " ms");
    }
  }

  @Test
  void theIntervalHoldsAcrossThreads() throws Exception {
    long interval = 30 * MS;
    HostGate gate = new HostGate(8, interval, true);
    long before = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        calls.add(
            pool.submit(
                () -> {
                  gate.enter();
                  gate.leave();
                  return System.nanoTime() - before;
                }));
      }
      long latest = 0;
      for (Future<Long> call : calls) {
        latest = Math.max(latest, call.get(10, TimeUnit.SECONDS));
      }
      assertTrue(latest >= 3 * interval, "four starts within " + latest / MS + " ms");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withoutAnIntervalNoCallerWaitsForASlot() throws Exception {
    HostGate open = new HostGate(1, HostGate.NO_INTERVAL_NANOS, false);
    long start = System.nanoTime();
    for (int i = 0; i < 1_000; i++) {
      open.enter();
      open.leave();
    }
    assertTrue(System.nanoTime() - start < 2_000 * MS, "an open gate made callers wait");
  }

  @Test
  void holdBackDelaysTheNextStart() throws Exception {
    HostGate gate = new HostGate(1, HostGate.NO_INTERVAL_NANOS, true);
    long before = System.nanoTime();
    gate.holdBack(100 * MS);
    gate.holdBack(10 * MS); // an earlier end does not shorten the hold
    gate.enter();
    gate.leave();
    assertTrue(System.nanoTime() - before >= 100 * MS);
  }

  @Test
  void aCancelledWaitForTheSlotGivesThePermitBack() throws Exception {
    HostGate gate = new HostGate(1, TimeUnit.SECONDS.toNanos(30), true);
    assertTrue(gate.enter(NEVER)); // the first slot is now
    gate.leave();
    CountDownLatch cancelled = new CountDownLatch(1);
    cancelled.countDown();
    long start = System.nanoTime();
    assertFalse(gate.enter(cancelled), "the next slot is 30 s away and the wait was cancelled");
    assertTrue(System.nanoTime() - start < 10_000 * MS, "the cancelled wait returned at once");
    assertEquals(1, gate.availablePermits(), "the permit is given back");
  }

  @Test
  void anInterruptedWaitForTheSlotGivesThePermitBack() throws Exception {
    HostGate gate = new HostGate(1, TimeUnit.SECONDS.toNanos(30), false);
    gate.enter();
    gate.leave();
    List<Throwable> thrown = new ArrayList<>();
    Thread waiting =
        new Thread(
            () -> {
              try {
                gate.enter();
              } catch (InterruptedException e) {
                synchronized (thrown) {
                  thrown.add(e);
                }
              }
            });
    waiting.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (gate.availablePermits() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(5); // until it holds the permit and sleeps for its slot
    }
    assertEquals(0, gate.availablePermits(), "the waiting caller holds the permit");
    waiting.interrupt();
    waiting.join(Duration.ofSeconds(10).toMillis());
    synchronized (thrown) {
      assertEquals(1, thrown.size(), "InterruptedException");
    }
    assertEquals(1, gate.availablePermits(), "the permit is given back");
  }

  @Test
  void aPermitIsGivenBackWhenTheWorkInsideFails() throws Exception {
    HostGate gate = new HostGate(1, HostGate.NO_INTERVAL_NANOS, false);
    assertThrows(
        IllegalStateException.class,
        () -> {
          gate.enter();
          try {
            throw new IllegalStateException("the request failed");
          } finally {
            gate.leave();
          }
        });
    assertEquals(1, gate.availablePermits());
  }

  @Test
  void ofPolitenessTakesItsPermitsAndRate() throws Exception {
    HostGate gate = HostGate.of(Politeness.DEFAULT);
    assertEquals(Politeness.DEFAULT_CONCURRENT_PER_HOST, gate.availablePermits());
    long before = System.nanoTime();
    for (int i = 0; i < 2; i++) {
      assertTrue(gate.enter(NEVER));
      gate.leave();
    }
    assertTrue(
        System.nanoTime() - before >= Politeness.DEFAULT.intervalNanos(),
        "two starts at 2 requests/s are 500 ms apart");
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    IllegalArgumentException permits =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HostGate(0, HostGate.NO_INTERVAL_NANOS, true));
    assertEquals("permits <= 0: 0", permits.getMessage());
    IllegalArgumentException interval =
        assertThrows(IllegalArgumentException.class, () -> new HostGate(1, -1, true));
    assertEquals("intervalNanos < 0: -1", interval.getMessage());
    NullPointerException politeness =
        assertThrows(NullPointerException.class, () -> HostGate.of(null));
    assertEquals("politeness == null", politeness.getMessage());
  }
}
