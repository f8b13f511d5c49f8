package dev.mcprisk.classifier;

import dev.mcprisk.classifier.eval.BundledListing;
import dev.mcprisk.classifier.eval.BundledListings;
import dev.mcprisk.model.Assessment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints the classifier's throughput over the 394 bundled tool listings, in tools per CPU second of
 * the measuring thread (robust when other processes share the cores) and per wall-clock second, on
 * one thread, after a warm-up. Not a test: run it by hand (BENCHMARKS.md):
 *
 * <pre>
 * mvn -q -o -pl classifier test-compile
 * java -cp "classifier/target/test-classes:classifier/target/classes:$(cat cp.txt)" \
 *     dev.mcprisk.classifier.ClassifierThroughput [seconds]
 * </pre>
 */
public final class ClassifierThroughput {
  /** Warm-up passes over the corpus before timing, so the JIT has compiled the hot paths. */
  static final int WARM_UP_PASSES = 200;

  /** Default measured time, in seconds. */
  static final int DEFAULT_SECONDS = 10;

  /** Measured rounds; the best and the median are printed. */
  static final int ROUNDS = 5;

  private static final double NANOS_PER_SECOND = 1e9;

  private ClassifierThroughput() {}

  /**
   * Runs the measurement.
   *
   * @param args optional: measured seconds in total (default {@value #DEFAULT_SECONDS})
   */
  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SECONDS;
    Classifier classifier = Classifier.loadDefault();
    List<BundledListing> listings = BundledListings.all();
    long sink = 0;
    for (int i = 0; i < WARM_UP_PASSES; i++) {
      sink += pass(classifier, listings);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] wallRates = new double[ROUNDS];
    double[] cpuRates = new double[ROUNDS];
    long roundNanos = (long) (seconds * NANOS_PER_SECOND / ROUNDS);
    for (int r = 0; r < ROUNDS; r++) {
      long tools = 0;
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long elapsed;
      do {
        sink += pass(classifier, listings);
        tools += listings.size();
        elapsed = System.nanoTime() - start;
      } while (elapsed < roundNanos);
      long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
      wallRates[r] = tools * NANOS_PER_SECOND / elapsed;
      cpuRates[r] = tools * NANOS_PER_SECOND / cpu;
    }
    Arrays.sort(wallRates);
    Arrays.sort(cpuRates);
    System.out.printf(
        Locale.ROOT,
        "classifier %s, %d listings, 1 thread, %d rounds of %.1f s: median %.0f tools per CPU"
            + " second (best %.0f); median %.0f tools per wall-clock second (checksum %d)%n",
        Classifier.VERSION,
        listings.size(),
        ROUNDS,
        roundNanos / NANOS_PER_SECOND,
        cpuRates[ROUNDS / 2],
        cpuRates[ROUNDS - 1],
        wallRates[ROUNDS / 2],
        sink);
  }

  private static long pass(Classifier classifier, List<BundledListing> listings) {
    long sum = 0;
    for (BundledListing listing : listings) {
      Assessment a = classifier.classify(listing.tool(), listing.context());
      sum += a.score();
    }
    return sum;
  }
}
