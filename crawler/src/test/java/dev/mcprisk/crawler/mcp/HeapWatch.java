package dev.mcprisk.crawler.mcp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two views of a crawl's memory. {@link #peakMib()}: this JVM's used heap sampled every {@value
 * #SAMPLE_MILLIS} ms on a daemon thread, the peak above the level before; coarse (garbage not yet
 * collected and other threads, such as an in-process test server, count too). {@link
 * #allocatedMib()}: bytes allocated by the thread that created this watch (the crawl thread), an
 * upper bound of what that thread can have held at once.
 */
final class HeapWatch implements AutoCloseable {
  static final long SAMPLE_MILLIS = 5;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final long baseline;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final long allocatedBefore;
  private final Thread owner = Thread.currentThread();
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  HeapWatch() {
    System.gc();
    baseline = used();
    allocatedBefore = threads.getThreadAllocatedBytes(owner.getId());
    peak.set(baseline);
    sampler =
        new Thread(
            () -> {
              while (running) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                  Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  private long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Peak used heap above the baseline so far, in MiB. */
  long peakMib() {
    return Math.max(0, peak.get() - baseline) / (1024 * 1024);
  }

  /** Bytes allocated by the creating thread since, in MiB. */
  long allocatedMib() {
    return (threads.getThreadAllocatedBytes(owner.getId()) - allocatedBefore) / (1024 * 1024);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
