package dev.mcprisk.crawler.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of a real input for property-based fuzzing: truncation, a replaced byte, a deleted
 * range, and an inserted fragment of JSON, YAML or SSE syntax. Deterministic for a given jqwik
 * seed.
 */
public final class Mutations {
  private static final String[] FRAGMENTS = {
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "null",
    "-1",
    "1e999",
    "\\u0000",
    "\\ud800",
    "[[[[[[[[",
    "\n",
    "\r\n",
    "data: ",
    "id: ",
    "retry: x",
    ": c\n",
    "event: endpoint\n",
    "\u202e",
    "\u200b",
    "- ",
    "? ",
    "&a ",
    "*a",
    "!!binary",
    "'",
    "#",
    "\t"
  };

  private Mutations() {}

  /** {@code base} changed once by one of the mutations above. */
  public static Arbitrary<byte[]> of(byte[] base) {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, base.length));
    Arbitrary<byte[]> truncated = at.map(i -> Arrays.copyOf(base, i));
    Arbitrary<byte[]> replaced =
        Combinators.combine(at, Arbitraries.bytes())
            .as(
                (i, b) -> {
                  byte[] copy = base.clone();
                  if (copy.length > 0) {
                    copy[Math.min(i, copy.length - 1)] = b;
                  }
                  return copy;
                });
    Arbitrary<byte[]> deleted =
        Combinators.combine(at, Arbitraries.integers().between(1, 4096))
            .as(
                (i, n) -> {
                  int end = Math.min(base.length, i + n);
                  byte[] out = new byte[base.length - (end - i)];
                  System.arraycopy(base, 0, out, 0, i);
                  System.arraycopy(base, end, out, i, base.length - end);
                  return out;
                });
    Arbitrary<byte[]> inserted =
        Combinators.combine(at, Arbitraries.of(FRAGMENTS), Arbitraries.integers().between(1, 50))
            .as(
                (i, fragment, times) -> {
                  byte[] add = fragment.repeat(times).getBytes(StandardCharsets.UTF_8);
                  byte[] out = new byte[base.length + add.length];
                  System.arraycopy(base, 0, out, 0, i);
                  System.arraycopy(add, 0, out, i, add.length);
                  System.arraycopy(base, i, out, i + add.length, base.length - i);
                  return out;
                });
    return Arbitraries.oneOf(truncated, replaced, deleted, inserted);
  }

  /** Text made of the syntax fragments above and random words. */
  public static Arbitrary<String> syntaxSoup() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(FRAGMENTS),
            Arbitraries.strings().ofMaxLength(12).withCharRange(' ', '~'));
    return piece.list().ofMaxSize(200).map(parts -> String.join("", parts));
  }
}
