package dev.mcprisk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the peak Java heap of a stretch of work: a daemon thread samples the heap in use every
 * {@link #SAMPLE_INTERVAL} (a spike shorter than that can be missed); the JVM's own per-pool peaks
 * (reset at {@link #start()}) give an upper bound that cannot miss one but adds peaks of different
 * moments; the heap in use after the latest collection of each pool gives the live set.
 *
 * <p>Thread-safe. Close it to stop the sampling thread.
 */
public final class PeakHeap implements AutoCloseable {

  /** Time between samples: 50 ms. */
  public static final Duration SAMPLE_INTERVAL = Duration.ofMillis(50);

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<MemoryPoolMXBean> heapPools;
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private PeakHeap() {
    heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
            .toList();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    sample();
    sampler = new Thread(this::run, "mcprisk-peak-heap");
    sampler.setDaemon(true);
  }

  /** Resets the pools' peaks and starts sampling. */
  public static PeakHeap start() {
    PeakHeap heap = new PeakHeap();
    heap.sampler.start();
    return heap;
  }

  /** The largest heap in use seen by a sample (or by this call), in bytes. */
  public long peakBytes() {
    sample();
    return peakUsed.get();
  }

  /**
   * The sum over heap pools of each pool's peak since {@link #start()}, in bytes: an upper bound of
   * the true peak.
   */
  public long poolPeakSumBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage peak = pool.getPeakUsage();
      if (peak != null) {
        sum += peak.getUsed();
      }
    }
    return sum;
  }

  /**
   * The largest heap in use just after a collection seen by a sample, in bytes: the peak live set
   * (0 before the first collection).
   */
  public long peakAfterGcBytes() {
    sample();
    return peakAfterGc.get();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(SAMPLE_INTERVAL.toMillis() * 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      sample();
      try {
        Thread.sleep(SAMPLE_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    long afterGc = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage usage = pool.getCollectionUsage();
      if (usage != null) {
        afterGc += usage.getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(afterGc, Math::max);
  }
}
