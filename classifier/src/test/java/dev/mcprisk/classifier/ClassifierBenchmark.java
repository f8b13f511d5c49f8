package dev.mcprisk.classifier;

import dev.mcprisk.classifier.eval.BundledListing;
import dev.mcprisk.classifier.eval.BundledListings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmark of {@link Classifier#classify} over the {@value #TOOLS} bundled tool listings, in
 * tools per second on one thread (an invocation classifies every listing once and counts as {@value
 * #TOOLS} operations). Not a test: surefire does not run it. Run by hand from the repository root:
 *
 * <pre>
 * mvn -q -o -pl classifier test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "classifier/target/test-classes:classifier/target/classes:$(cat /tmp/cp.txt)" \
 *     org.openjdk.jmh.Main ClassifierBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>{@link ClassifierThroughput} measures the same work in tools per CPU second, which is steadier
 * when other processes share the cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClassifierBenchmark {
  /** Tool listings bundled in catalogue-data; {@link #setUp} checks that the count still holds. */
  static final int TOOLS = 394;

  private Classifier classifier;
  private List<BundledListing> listings;

  /**
   * Loads the classifier and the bundled listings.
   *
   * @throws IllegalStateException when the bundled listings are not {@value #TOOLS}
   */
  @Setup
  public void setUp() {
    classifier = Classifier.loadDefault();
    listings = BundledListings.all();
    if (listings.size() != TOOLS) {
      throw new IllegalStateException(
          "expected " + TOOLS + " bundled listings, found " + listings.size() + ": update TOOLS");
    }
  }

  /** Classifies every bundled listing once. */
  @Benchmark
  @OperationsPerInvocation(TOOLS)
  public void classifyBundledTools(Blackhole sink) {
    for (BundledListing listing : listings) {
      sink.consume(classifier.classify(listing.tool(), listing.context()));
    }
  }
}
