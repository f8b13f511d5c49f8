package dev.mcprisk.crawler.http;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One host's turn-taking: at most {@code permits} requests in flight at once (a {@link Semaphore})
 * and request starts at least {@code intervalNanos} apart, across threads. A caller {@link #enter
 * enters} before it sends to the host and {@link #leave leaves} when the answer is in, in a {@code
 * finally}. A {@code Retry-After} the host sent holds back its next start ({@link #holdBack}).
 *
 * <p>Start slots are handed out in the order callers get a permit: the n-th start after the gate is
 * made is at least {@code (n - 1) * intervalNanos} after it, whether or not the earlier ones were
 * used. With {@code fair} permits (as for {@link PoliteFetcher}, {@link #of(Politeness)}), waiting
 * callers get them first-in first-out; without, a caller may take a permit just freed before those
 * waiting ({@link Semaphore#Semaphore(int, boolean)}).
 *
 * <p>Thread-safety: every method is thread-safe; share one gate per host among the threads that
 * send to it.
 */
public final class HostGate {
  /** {@code intervalNanos} of a gate that limits only the requests in flight: none. */
  public static final long NO_INTERVAL_NANOS = 0;

  private final Semaphore permits;
  private final long intervalNanos;
  private long nextStartNanos = System.nanoTime();

  /**
   * A gate of the fetcher's politeness: {@link Politeness#concurrentPerHost()} fair permits and
   * {@code 1 / requestsPerSecondPerHost} seconds between starts (none when the rate is {@link
   * Politeness#UNLIMITED_RATE}).
   *
   * @param politeness the settings; never null
   * @return a new gate
   */
  public static HostGate of(Politeness politeness) {
    Objects.requireNonNull(politeness, "politeness == null");
    return new HostGate(politeness.concurrentPerHost(), politeness.intervalNanos(), true);
  }

  /**
   * @param permits most callers inside at once; positive
   * @param intervalNanos shortest time between two starts, in nanoseconds; {@code >= 0} ({@value
   *     #NO_INTERVAL_NANOS} for no interval)
   * @param fair whether waiting callers get permits first-in first-out ({@link
   *     Semaphore#Semaphore(int, boolean)})
   * @throws IllegalArgumentException when {@code permits <= 0} or {@code intervalNanos < 0}
   */
  public HostGate(int permits, long intervalNanos, boolean fair) {
    if (permits <= 0) {
      throw new IllegalArgumentException("permits <= 0: " + permits);
    }
    if (intervalNanos < 0) {
      throw new IllegalArgumentException("intervalNanos < 0: " + intervalNanos);
    }
    this.permits = new Semaphore(permits, fair);
    this.intervalNanos = intervalNanos;
  }

  /**
   * Waits for a permit, then for this caller's start slot; {@code cancelled} opening ends the wait
   * for the slot. A permit held when this returns true must be given back with {@link #leave()};
   * none is held when it returns false or throws.
   *
   * @param cancelled opened to end the wait for the slot (the slot is used up all the same); never
   *     null
   * @return true with a permit held; false, without one, when {@code cancelled} opened while
   *     waiting for the slot
   * @throws InterruptedException when the thread is interrupted while waiting (no permit held)
   */
  public boolean enter(CountDownLatch cancelled) throws InterruptedException {
    Objects.requireNonNull(cancelled, "cancelled == null");
    permits.acquire();
    try {
      long wait = reserve();
      if (wait > 0 && cancelled.await(wait, TimeUnit.NANOSECONDS)) {
        permits.release();
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      permits.release();
      throw e;
    }
  }

  /**
   * Waits for a permit, then for this caller's start slot. The permit must be given back with
   * {@link #leave()}.
   *
   * @throws InterruptedException when the thread is interrupted while waiting (no permit held)
   */
  public void enter() throws InterruptedException {
    permits.acquire();
    try {
      long wait = reserve();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    } catch (InterruptedException e) {
      permits.release();
      throw e;
    }
  }

  /** Gives back the permit of an {@link #enter} that returned normally (true). */
  public void leave() {
    permits.release();
  }

  /**
   * No start through this gate is within {@code nanos} from now (e.g. a {@code Retry-After});
   * starts already later are kept.
   *
   * @param nanos how long to hold back, in nanoseconds; {@code >= 0}
   */
  public synchronized void holdBack(long nanos) {
    nextStartNanos = Math.max(nextStartNanos, System.nanoTime() + nanos);
  }

  /** Permits free at this moment (for monitoring and tests: it may change at once). */
  public int availablePermits() {
    return permits.availablePermits();
  }

  /** Takes the next start slot; returns how long to wait for it, in nanoseconds. */
  private synchronized long reserve() {
    long now = System.nanoTime();
    long slot = Math.max(now, nextStartNanos);
    nextStartNanos = slot + intervalNanos;
    return slot - now;
  }
}
