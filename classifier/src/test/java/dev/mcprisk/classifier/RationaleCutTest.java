package dev.mcprisk.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolDefinition;
import org.junit.jupiter.api.Test;

/**
 * Quotes of a description in a rationale or an evidence are cut between user-perceived characters:
 * never inside a surrogate pair (an emoji or other astral character) and not between a character
 * and its combining marks or the parts of an emoji sequence.
 */
class RationaleCutTest {
  private static final Classifier CLASSIFIER = Classifier.loadDefault();
  private static final String GRINNING = "\uD83D\uDE00";
  private static final String TECHNOLOGIST = "\uD83D\uDC69\u200D\uD83D\uDCBB";

  @Test
  void quoteDoesNotSplitASurrogatePairAtTheCut() {
    String text = "x".repeat(Quotes.MAX_QUOTE_CHARS - 1) + GRINNING + " tail";

    assertEquals("x".repeat(Quotes.MAX_QUOTE_CHARS - 1) + "...", Quotes.quote(text));
  }

  @Test
  void quoteKeepsAnAstralCharacterThatFitsWhole() {
    String text = "x".repeat(Quotes.MAX_QUOTE_CHARS - 2) + GRINNING + " tail";

    assertEquals("x".repeat(Quotes.MAX_QUOTE_CHARS - 2) + GRINNING + "...", Quotes.quote(text));
  }

  @Test
  void quoteDoesNotSplitACharacterFromItsCombiningMark() {
    String text = "x".repeat(Quotes.MAX_QUOTE_CHARS - 1) + "e\u0301 tail";

    assertEquals("x".repeat(Quotes.MAX_QUOTE_CHARS - 1) + "...", Quotes.quote(text));
  }

  @Test
  void quoteDoesNotSplitAnEmojiZwjSequence() {
    String text = "x".repeat(Quotes.MAX_QUOTE_CHARS - 4) + TECHNOLOGIST + " tail";

    assertEquals("x".repeat(Quotes.MAX_QUOTE_CHARS - 4) + "...", Quotes.quote(text));
  }

  @Test
  void rationaleQuoteOfTheFirstSentenceHasNoUnpairedSurrogate() {
    String description = "Gets " + "a".repeat(Quotes.MAX_QUOTE_CHARS - 6) + GRINNING + " data.";

    Assessment a = classify("get_data", description);

    assertPaired(a.rationale());
    assertTrue(
        a.rationale().contains("'Gets " + "a".repeat(Quotes.MAX_QUOTE_CHARS - 6) + "...'"),
        a.rationale());
  }

  @Test
  void evidenceContextBeforeAMatchDoesNotStartInsideASurrogatePair() {
    // The 30 chars of context before "api key" start on the low half of the emoji.
    String description = "Reads " + GRINNING + "b".repeat(24) + " the api key.";

    Assessment a = classify("get_config", description);

    Signal credentials =
        a.signals().stream().filter(s -> s.id().equals("credentials")).findFirst().orElseThrow();
    assertPaired(credentials.evidence());
    assertEquals("description: '..." + "b".repeat(24) + " the api key.'", credentials.evidence());
  }

  @Test
  void scannedDescriptionIsCutBetweenCodePoints() {
    String description = "a".repeat(Classifier.MAX_SCANNED_TEXT_CHARS - 1) + GRINNING;

    ToolFacts facts =
        ToolFacts.of(
            ToolDefinition.of(Json.object().put("name", "t").put("description", description)),
            null);

    assertEquals(Classifier.MAX_SCANNED_TEXT_CHARS - 1, facts.description().length());
    assertPaired(facts.rawText());
  }

  private static Assessment classify(String name, String description) {
    return CLASSIFIER.classify(
        ToolDefinition.of(Json.object().put("name", name).put("description", description)), null);
  }

  private static void assertPaired(String text) {
    text.codePoints()
        .forEach(
            cp ->
                assertTrue(
                    cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE,
                    "unpaired surrogate in: " + text));
  }
}
