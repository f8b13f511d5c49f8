package dev.mcprisk.crawler.readme;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Property-based fuzzing of README extraction: a real README with Markdown and HTML syntax inserted
 * at random places, and soups of that syntax, must give a well-formed result (never an exception,
 * at most {@link ReadmeToolExtractor#MAX_TOOLS} tools, confidence within 0..0.8).
 */
class ReadmeExtractorFuzzTest {

  /**
   * Tries per property: 25 (a few seconds in all on a loaded 2-core machine; raise it by hand for
   * longer runs).
   */
  private static final int TRIES = 25;

  private static final String README = fixture("modelcontextprotocol__server-brave-search.md");

  private static final List<String> SYNTAX =
      List.of(
          "\n",
          "\n\n",
          "- ",
          "1. ",
          "10. ",
          "   ",
          "`",
          "**",
          "|",
          "|---|",
          "# ",
          "### ",
          "> ",
          "<details>",
          "</details>",
          "<ul><li>",
          "</li></ul>",
          "<code>",
          "```",
          "Inputs:",
          "(string, optional)",
          ": ",
          "\t",
          "[x] ",
          "<!--",
          "-->",
          "## Tools\n",
          "\u2014");

  @Property(tries = TRIES)
  void mutatedRealReadmeGivesAWellFormedResult(@ForAll("mutatedReadme") String markdown) {
    assertWellFormed(ReadmeToolExtractor.extractFromMarkdown(markdown));
    assertWellFormed(ReadmeToolExtractor.extractFromHtml(markdown));
  }

  @Property(tries = TRIES)
  void syntaxSoupGivesAWellFormedResult(@ForAll("soup") String markdown) {
    assertWellFormed(ReadmeToolExtractor.extractFromMarkdown(markdown));
    assertWellFormed(ReadmeToolExtractor.extractFromHtml(markdown));
  }

  private static void assertWellFormed(ReadmeExtraction extraction) {
    assertNotNull(extraction);
    assertTrue(extraction.tools().size() <= ReadmeToolExtractor.MAX_TOOLS);
    assertTrue(extraction.confidence() <= ReadmeToolExtractor.MAX_CONFIDENCE);
    extraction.tools().forEach(tool -> assertNotNull(tool.inputSchema()));
  }

  @Provide
  Arbitrary<String> mutatedReadme() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, README.length());
    Arbitrary<String> insert =
        Arbitraries.of(SYNTAX).list().ofMaxSize(20).map(parts -> String.join("", parts));
    return Combinators.combine(at, insert, Arbitraries.integers().between(0, 3))
        .as(
            (index, text, repeat) ->
                README.substring(0, index)
                    + text.repeat(repeat * 10 + 1)
                    + README.substring(index));
  }

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.of(SYNTAX).list().ofMaxSize(200).map(parts -> String.join("", parts));
  }

  private static String fixture(String name) {
    try (InputStream in = ReadmeExtractorFuzzTest.class.getResourceAsStream("/readme/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
