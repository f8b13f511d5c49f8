package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SnippetsTest {
  @Test
  void shortTextOnlyHasItsWhiteSpaceCollapsed() {
    assertEquals("Delete a «file» now", Snippets.cap("  Delete a\n\t«file»   now ", 200));
  }

  @Test
  void blankOrNullGivesNull() {
    assertNull(Snippets.cap(null, 200));
    assertNull(Snippets.cap(" \n", 200));
  }

  @Test
  void longTextIsCutAtAWordBreakWithAnEllipsis() {
    assertEquals("alpha beta…", Snippets.cap("alpha beta gamma delta", 12));
  }

  @Test
  void highlightOpenedBeforeTheCutIsDropped() {
    assertEquals("alpha beta…", Snippets.cap("alpha «beta gamma» delta", 13));
    assertEquals("alpha «beta» gamma…", Snippets.cap("alpha «beta» gamma «delta» epsilon", 22));
  }

  @Test
  void cutWithoutAWordBreakKeepsCharactersWhole() {
    String word = "x".repeat(40);
    assertEquals(word + "…", Snippets.cap(word + "e\u0301" + "y".repeat(40), 42));
    assertEquals(word + "…", Snippets.cap(word + "\uD83D\uDE00" + "y".repeat(40), 42));
  }
}
