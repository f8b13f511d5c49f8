package dev.mcprisk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of {@link InterceptPolicyValidator} on users' policy YAML: a valid policy
 * mutated (truncated, a character replaced, a range deleted, YAML syntax inserted) and soups of
 * YAML syntax give a list of violations, never an exception; the unmutated policy is valid. Tries
 * per property: {@code jqwik.tries.default} in junit-platform.properties.
 */
class PolicyValidatorFuzzTest {
  private static final String GOOD = resource("/export/good-policy.yaml");

  private static final String[] FRAGMENTS = {
    ":",
    "- ",
    "? ",
    "&a ",
    "*a",
    "!!binary ",
    "!!python/object ",
    "'",
    "\"",
    "#",
    "\t",
    "\n",
    "{",
    "}",
    "[",
    "]",
    "---\n",
    "...\n",
    "<<: *a\n",
    "version: \"2\"\n",
    "rules:\n",
    "\u202e",
    "\u0000",
    "%TAG ! x\n",
    "|\n",
    ">\n",
    "~",
    "1e999",
    "0x7"
  };

  @Property
  void mutatedPoliciesGiveViolationsNotExceptions(@ForAll("mutatedPolicy") String yaml) {
    List<String> violations = InterceptPolicyValidator.validate(yaml);
    assertNotNull(violations);
    violations.forEach(v -> assertFalse(v.isBlank(), "a violation says what is wrong"));
  }

  @Property
  void syntaxSoupGivesViolationsNotExceptions(@ForAll("soup") String yaml) {
    assertNotNull(InterceptPolicyValidator.validate(yaml));
  }

  @Property(tries = 1)
  void theUnmutatedPolicyIsValid() {
    assertEquals(List.of(), InterceptPolicyValidator.validate(GOOD));
  }

  @Provide
  Arbitrary<String> mutatedPolicy() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, GOOD.length());
    Arbitrary<String> truncated = at.map(i -> GOOD.substring(0, i));
    Arbitrary<String> replaced =
        Combinators.combine(at, Arbitraries.chars())
            .as(
                (i, c) ->
                    i >= GOOD.length()
                        ? GOOD + c
                        : GOOD.substring(0, i) + c + GOOD.substring(i + 1));
    Arbitrary<String> deleted =
        Combinators.combine(at, Arbitraries.integers().between(1, 200))
            .as((i, n) -> GOOD.substring(0, i) + GOOD.substring(Math.min(GOOD.length(), i + n)));
    Arbitrary<String> inserted =
        Combinators.combine(at, Arbitraries.of(FRAGMENTS), Arbitraries.integers().between(1, 20))
            .as((i, f, times) -> GOOD.substring(0, i) + f.repeat(times) + GOOD.substring(i));
    return Arbitraries.oneOf(truncated, replaced, deleted, inserted);
  }

  @Provide
  Arbitrary<String> soup() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(FRAGMENTS),
            Arbitraries.strings().ofMaxLength(10).withCharRange(' ', '~'));
    return piece.list().ofMaxSize(150).map(parts -> String.join("", parts));
  }

  private static String resource(String path) {
    try (InputStream in = PolicyValidatorFuzzTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
