package dev.mcprisk.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UntrustedTextTest {
  private static final String GRINNING = "\uD83D\uDE00";
  private static final String TECHNOLOGIST = "\uD83D\uDC69\u200D\uD83D\uDCBB";
  private static final String FLAG_DE = "\uD83C\uDDE9\uD83C\uDDEA";

  @Test
  void escapesC0ControlsNulEscAndDel() {
    assertEquals("nul\\u0000byte", UntrustedText.escape("nul\u0000byte"));
    assertEquals("\\u001B[31mred\\u001B[0m", UntrustedText.escape("\u001B[31mred\u001B[0m"));
    assertEquals("a\\u000Ab\\u000Dc\\u0009d", UntrustedText.escape("a\nb\rc\td"));
    assertEquals("bell\\u0007del\\u007F", UntrustedText.escape("bell\u0007del\u007F"));
  }

  @Test
  void escapesC1ControlsIncludingCsiAndNel() {
    assertEquals(
        "\\u0080\\u0085\\u009B2J\\u009F", UntrustedText.escape("\u0080\u0085\u009B2J\u009F"));
  }

  @Test
  void escapesLineAndParagraphSeparators() {
    assertEquals("a\\u2028b\\u2029c", UntrustedText.escape("a\u2028b\u2029c"));
  }

  @Test
  void escapesEveryBidiControl() {
    assertEquals(
        "\\u202A\\u202B\\u202C\\u202D\\u202E",
        UntrustedText.escape("\u202A\u202B\u202C\u202D\u202E"));
    assertEquals("\\u2066\\u2067\\u2068\\u2069", UntrustedText.escape("\u2066\u2067\u2068\u2069"));
    assertEquals("\\u200E\\u200F\\u061C", UntrustedText.escape("\u200E\u200F\u061C"));
  }

  @Test
  void escapesZeroWidthAndBlankCharacters() {
    assertEquals("\\u200B\\u200C\\u200D", UntrustedText.escape("\u200B\u200C\u200D"));
    assertEquals("\\u2060\\u2064\\uFEFF", UntrustedText.escape("\u2060\u2064\uFEFF"));
    assertEquals("\\u3164\\u115F\\uFFA0\\u180E", UntrustedText.escape("\u3164\u115F\uFFA0\u180E"));
  }

  @Test
  void escapesTagCharactersWithEightHexDigits() {
    assertEquals(
        "hi\\U000E0000\\U000E0001\\U000E0041\\U000E007F",
        UntrustedText.escape("hi\uDB40\uDC00\uDB40\uDC01\uDB40\uDC41\uDB40\uDC7F"));
  }

  @Test
  void escapesUnpairedSurrogatesButNotPairs() {
    assertEquals(
        "a\\uD800b\\uDC00c" + GRINNING, UntrustedText.escape("a\uD800b\uDC00c" + GRINNING));
    assertEquals("end\\uD83D", UntrustedText.escape("end\uD83D"));
    assertEquals("\\uDE00start", UntrustedText.escape("\uDE00start"));
  }

  @Test
  void escapesOtherFormatCharacters() {
    assertEquals(
        "soft\\u00ADhyphen\\u206A\\uFFF9", UntrustedText.escape("soft\u00ADhyphen\u206A\uFFF9"));
    assertEquals("\\U0001D173", UntrustedText.escape("\uD834\uDD73"));
  }

  @Test
  void keepsLettersOfEveryScriptEmojiAndBackslashes() {
    String text =
        "delete_entities «Delete» café e\u0301 東京 ファイル 한국어 получить αβγ بحث खोज "
            + GRINNING
            + " "
            + FLAG_DE
            + " \u00A0nbsp C:\\path \\u202E";
    assertSame(text, UntrustedText.escape(text));
    assertEquals("", UntrustedText.escape(null));
  }

  @Test
  void everyEscapedKindHasItsUnsafeCharacter() {
    assertEquals(Optional.of(UnsafeCharacter.NUL), UnsafeCharacter.of(0));
    assertEquals(Optional.of(UnsafeCharacter.TERMINAL_ESCAPE), UnsafeCharacter.of(0x1B));
    assertEquals(Optional.of(UnsafeCharacter.TERMINAL_ESCAPE), UnsafeCharacter.of(0x9B));
    assertEquals(Optional.of(UnsafeCharacter.CONTROL), UnsafeCharacter.of(0x7F));
    assertEquals(Optional.of(UnsafeCharacter.LINE_SEPARATOR), UnsafeCharacter.of(0x2029));
    assertEquals(Optional.of(UnsafeCharacter.BIDI_CONTROL), UnsafeCharacter.of(0x202E));
    assertEquals(Optional.of(UnsafeCharacter.INVISIBLE), UnsafeCharacter.of(0x200B));
    assertEquals(Optional.of(UnsafeCharacter.TAG), UnsafeCharacter.of(0xE0041));
    assertEquals(Optional.of(UnsafeCharacter.UNPAIRED_SURROGATE), UnsafeCharacter.of(0xDC00));
    assertEquals(Optional.of(UnsafeCharacter.FORMAT), UnsafeCharacter.of(0xAD));
    assertEquals(Optional.empty(), UnsafeCharacter.of('a'));
    assertEquals(Optional.empty(), UnsafeCharacter.of(0xE9));
    assertEquals(Optional.empty(), UnsafeCharacter.of(0x1F600));
  }

  @ParameterizedTest
  @CsvSource({
    "0x202E, right-to-left override (U+202E)",
    "0x1B, escape character (U+001B)",
    "0x9B, control sequence introducer (U+009B)",
    "0x0, NUL character (U+0000)",
    "0xA, control character (U+000A)",
    "0x2028, line separator (U+2028)",
    "0x200B, zero width space (U+200B)",
    "0xE0041, tag latin capital letter a (U+E0041)",
    "0xE0000, tag character (U+E0000)",
    "0xD800, unpaired surrogate (U+D800)",
  })
  void describesACodePointForAPerson(String codePoint, String description) {
    assertEquals(description, UnsafeCharacter.describe(Integer.decode(codePoint)));
  }

  @Test
  void prefixNeverSplitsASurrogatePair() {
    assertEquals("ab", UntrustedText.prefix("ab" + GRINNING + "c", 3));
    assertEquals("ab" + GRINNING, UntrustedText.prefix("ab" + GRINNING + "c", 4));
  }

  @Test
  void prefixKeepsCombiningMarksEmojiSequencesAndFlagsWhole() {
    assertEquals("ab", UntrustedText.prefix("abe\u0301c", 3));
    assertEquals("ab", UntrustedText.prefix("ab" + TECHNOLOGIST + "c", 6));
    assertEquals("ab" + TECHNOLOGIST, UntrustedText.prefix("ab" + TECHNOLOGIST + "c", 7));
    assertEquals("ab", UntrustedText.prefix("ab" + GRINNING + "\uD83C\uDFFD", 5));
    assertEquals("ab", UntrustedText.prefix("ab\u2764\uFE0F", 3));
    assertEquals("ab" + FLAG_DE, UntrustedText.prefix("ab" + FLAG_DE + FLAG_DE, 8));
    assertEquals("ab" + FLAG_DE, UntrustedText.prefix("ab" + FLAG_DE + FLAG_DE, 9));
    assertEquals("a", UntrustedText.prefix("a\r\nb", 2));
  }

  @Test
  void prefixOfAHugeClusterFallsBackToCodePoints() {
    String zalgo = "a" + "\u0301".repeat(1000);
    assertEquals(50, UntrustedText.prefix(zalgo, 50).length());
    assertEquals("", UntrustedText.prefix(null, 5));
    assertThrows(IllegalArgumentException.class, () -> UntrustedText.prefix("x", -1));
  }

  @Test
  void boundaryAfterSkipsTheRestOfACluster() {
    String text = "a" + GRINNING + "e\u0301b";
    assertEquals(1, UntrustedText.boundaryAtOrAfter(text, 1));
    assertEquals(3, UntrustedText.boundaryAtOrAfter(text, 2));
    assertEquals(5, UntrustedText.boundaryAtOrAfter(text, 4));
    assertEquals(text.length(), UntrustedText.boundaryAtOrAfter(text, text.length()));
  }
}
