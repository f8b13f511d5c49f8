package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void quoteEscapesControlTagAndSeparatorCharactersVisibly() {
    assertEquals(
        "'a\\u001B[31mb\\U000E0041c\\u2028d'", Texts.quote("a\u001B[31mb\uDB40\uDC41c\u2028d", 80));
  }

  @Test
  void quoteCutsBetweenCharacters() {
    assertEquals("'ab...'", Texts.quote("ab\uD83D\uDE00cd", 3));
    assertEquals("'ab\uD83D\uDE00...'", Texts.quote("ab\uD83D\uDE00cd", 4));
    assertEquals("'abc'", Texts.quote("abc", 3));
  }
}
