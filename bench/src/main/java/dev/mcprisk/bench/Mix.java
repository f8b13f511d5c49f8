package dev.mcprisk.bench;

/**
 * Seeds for {@link java.util.SplittableRandom} derived from a catalogue seed, a purpose and numbers
 * (server, tool slot, revision) with the SplitMix64 finaliser (Steele, Lea, Flood, "Fast Splittable
 * Pseudorandom Number Generators", OOPSLA 2014), so every part of the catalogue has its own stream
 * and none depends on the order in which parts are made.
 *
 * <p>Thread-safe: stateless.
 */
final class Mix {
  static final long NAME = 1;
  static final long META = 2;
  static final long TIMES = 3;
  static final long COUNT = 4;
  static final long STYLE = 5;
  static final long TOOL = 6;
  static final long MUTATION = 7;
  static final long DESCRIPTION = 8;
  static final long SELECT = 9;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Mix() {}

  /** A seed for {@code (seed, purpose, parts...)}. */
  static long of(long seed, long purpose, long... parts) {
    long h = finish(seed + GOLDEN_GAMMA * purpose);
    for (long part : parts) {
      h = finish(h ^ (part + GOLDEN_GAMMA));
      h += GOLDEN_GAMMA;
    }
    return finish(h);
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
