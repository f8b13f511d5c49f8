package dev.mcprisk.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeakHeapTest {

  @Test
  void seesAHeldAllocationOf64MiB() throws Exception {
    try (PeakHeap heap = PeakHeap.start()) {
      long before = heap.peakBytes();
      byte[][] held = new byte[64][];
      for (int i = 0; i < held.length; i++) {
        held[i] = new byte[1024 * 1024];
      }
      Thread.sleep(3 * PeakHeap.SAMPLE_INTERVAL.toMillis());
      long peak = heap.peakBytes();
      assertTrue(held[63].length > 0);
      assertTrue(peak >= 64L * 1024 * 1024, "peak " + peak + ", before " + before);
      assertTrue(heap.poolPeakSumBytes() >= peak - before, "pool peaks");
    }
  }
}
