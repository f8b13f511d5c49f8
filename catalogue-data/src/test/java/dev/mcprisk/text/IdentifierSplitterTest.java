package dev.mcprisk.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcprisk.text.IdentifierSplitter.AcronymPlural;
import dev.mcprisk.text.IdentifierSplitter.Characters;
import dev.mcprisk.text.IdentifierSplitter.DigitRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierSplitterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "delete_entities | delete entities",
        "read_text_file | read text file",
        "drop-collection | drop collection",
        "API-post-page | api post page",
        "API-retrieve-a-page-property | api retrieve a page property",
        "createIssue | create issue",
        "CreateIssue | create issue",
        "StartAHORunBatch | start aho run batch",
        "getHTTPResponse | get http response",
        "HTTPServer | http server",
        "URL | url",
        "github.issues.create | github issues create",
        "github/issues:create | github issues create",
        "s3Upload2 | s3 upload2",
        "ec2StartInstance | ec2 start instance",
        "oauth2token | oauth2 token",
        "v2_list_items | v2 list items",
        "2faVerify | 2 fa verify",
        "issue_create | issue create",
        "__private__name__ | private name",
        "browser_mouse_click_xy | browser mouse click xy",
        "sequentialthinking | sequentialthinking",
        "créerFichier | créer fichier",
        "listIDs | list i ds",
        "getURLsForUser | get ur ls for user",
      })
  void lexiconSplitsIdentifierIntoLowerCaseWords(String identifier, String expected) {
    assertEquals(Arrays.asList(expected.split(" ")), IdentifierSplitter.LEXICON.words(identifier));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t\n", "___", "-.-"})
  void lexiconGivesNoWordsForEmptyBlankOrSeparatorOnlyInput(String identifier) {
    assertEquals(List.of(), IdentifierSplitter.LEXICON.words(identifier));
  }

  @Test
  void lexiconReadsUtf16CharsSoMarksAndSupplementaryLettersSeparateWords() {
    assertEquals(List.of("e", "tat"), IdentifierSplitter.LEXICON.words("e\u0301tat"));
    assertEquals(List.of("a", "b"), IdentifierSplitter.LEXICON.words("a\uD835\uDC00b"));
  }

  @Test
  void lexiconLetsALetterWithoutCaseStartNoWord() {
    assertEquals(List.of("日api"), IdentifierSplitter.LEXICON.words("日Api"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "delete_entities | delete entities",
        "drop-collection | drop collection",
        "API-post-page | API post page",
        "createIssue | create Issue",
        "StartAHORunBatch | Start AHO Run Batch",
        "getHTTPResponse | get HTTP Response",
        "github.issues/create:v | github issues create v",
        "s3Upload2 | s 3 Upload 2",
        "ec2StartInstance | ec 2 Start Instance",
        "oauth2token | oauth 2 token",
        "v2_list_items | v 2 list items",
        "2faVerify | 2 fa Verify",
        "listIDs | list IDs",
        "getURLsForUser | get URLs For User",
        "IDs | IDs",
        "créerFichier | créer Fichier",
        "日Api | 日 Api",
      })
  void searchSplitsIdentifierIntoSpansWithTheCaseKept(String identifier, String expected) {
    assertEquals(Arrays.asList(expected.split(" ")), searchWords(identifier));
  }

  @Test
  void searchKeepsCombiningMarksAndSupplementaryLettersInTheWord() {
    assertEquals(List.of("e\u0301tat"), searchWords("e\u0301tat"));
    assertEquals(List.of("a", "\uD835\uDC00b"), searchWords("a\uD835\uDC00b"));
  }

  @Test
  void searchGivesTheCharRangesOfTheWords() {
    assertEquals(
        List.of(new WordSpan(0, 6), new WordSpan(7, 10), new WordSpan(12, 17)),
        IdentifierSplitter.SEARCH.spans("delete{Ids}_files"));
    assertEquals(List.of(), IdentifierSplitter.SEARCH.spans("__"));
  }

  @Test
  void theOptionsAreIndependent() {
    IdentifierSplitter digitsApart =
        new IdentifierSplitter(
            Characters.UTF16_LETTERS_AND_DIGITS, DigitRule.DIGITS_APART, AcronymPlural.KEEP);
    assertEquals(List.of("oauth", "2", "token", "ids"), digitsApart.words("oauth2tokenIDs"));
    IdentifierSplitter digitsEndWord =
        new IdentifierSplitter(
            Characters.CODE_POINTS_WITH_MARKS, DigitRule.DIGITS_END_WORD, AcronymPlural.SPLIT);
    assertEquals(List.of("oauth2", "token", "i", "ds"), digitsEndWord.words("oauth2tokenIDs"));
  }

  @Test
  void thePresetsNameTheirOptions() {
    assertEquals(Characters.UTF16_LETTERS_AND_DIGITS, IdentifierSplitter.LEXICON.characters());
    assertEquals(DigitRule.DIGITS_END_WORD, IdentifierSplitter.LEXICON.digitRule());
    assertEquals(AcronymPlural.SPLIT, IdentifierSplitter.LEXICON.acronymPlural());
    assertEquals(Characters.CODE_POINTS_WITH_MARKS, IdentifierSplitter.SEARCH.characters());
    assertEquals(DigitRule.DIGITS_APART, IdentifierSplitter.SEARCH.digitRule());
    assertEquals(AcronymPlural.KEEP, IdentifierSplitter.SEARCH.acronymPlural());
  }

  @Test
  void rejectsNullOptionsAndNullSpanText() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> new IdentifierSplitter(null, DigitRule.DIGITS_APART, AcronymPlural.KEEP));
    assertEquals("characters == null", e.getMessage());
    e =
        assertThrows(
            NullPointerException.class, () -> IdentifierSplitter.SEARCH.spans((String) null));
    assertEquals("text == null", e.getMessage());
  }

  @Test
  void aWordSpanIsNonEmptyAndNotNegative() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new WordSpan(3, 3));
    assertEquals("not a word span: [3, 3)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new WordSpan(-1, 2));
    assertEquals(4, new WordSpan(2, 6).length());
  }

  private static List<String> searchWords(String identifier) {
    List<String> words = new ArrayList<>();
    for (WordSpan span : IdentifierSplitter.SEARCH.spans(identifier)) {
      words.add(identifier.substring(span.start(), span.end()));
    }
    return words;
  }
}
