package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void escapesControlBidiAndZeroWidthCharacters() {
    assertEquals("\\u001B[31mred", Terminal.safe("\u001b[31mred"));
    assertEquals("a\\u202Eb\\u2066c", Terminal.safe("a\u202eb\u2066c"));
    assertEquals("zero\\u200Bwidth\\uFEFF", Terminal.safe("zero\u200bwidth\ufeff"));
    assertEquals("line\\u000Abreak\\u0000", Terminal.safe("line\nbreak\u0000"));
    assertEquals("c1\\u009B", Terminal.safe("c1\u009b"));
  }

  @Test
  void escapesTagCharactersLineSeparatorsAndUnpairedSurrogates() {
    assertEquals("tag\\U000E0041\\U000E007F", Terminal.safe("tag\uDB40\uDC41\uDB40\uDC7F"));
    assertEquals("a\\u2028b\\u2029c", Terminal.safe("a\u2028b\u2029c"));
    assertEquals("lone\\uD800 and \\uDC00", Terminal.safe("lone\uD800 and \uDC00"));
    assertEquals(
        "\\u061C\\u200E\\u200F\\u00AD\\u2060", Terminal.safe("\u061c\u200e\u200f\u00ad\u2060"));
  }

  @Test
  void keepsOrdinaryTextAndUnicodeLetters() {
    assertEquals(
        "delete_entities «Delete» café 東京 🙂",
        Terminal.safe("delete_entities «Delete» café 東京 🙂"));
    assertEquals("", Terminal.safe(null));
  }
}
