package dev.mcprisk.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code deceptive-name} signal: a tool name with characters that change how it displays
 * (Unicode TR36 §2, TR39 §5; Trojan Source, CVE-2021-42574) or mixes lookalike scripts in one word
 * raises the risk to at least High, with the rule id and a rationale that names the character.
 */
class ClassifierDeceptiveNameTest {
  private static final Classifier CLASSIFIER = Classifier.loadDefault();

  @Test
  void rightToLeftOverrideInTheNameIsDeceptiveAndHigh() {
    Assessment a = classify("list\u202Eelif", "Lists files in a folder.");

    assertEquals(Category.READ, a.category());
    assertEquals(RiskLevel.HIGH, a.riskLevel());
    assertEquals(
        "right-to-left override (U+202E) at offset 4 of the name",
        signal(a, "deceptive-name").evidence());
    assertTrue(a.rules().contains("name.bidi-control"), a.rules().toString());
    assertTrue(a.rules().contains("risk.deceptive-name"), a.rules().toString());
    assertTrue(
        a.rationale()
            .contains(
                "The tool name contains a right-to-left override (U+202E), which can make it"
                    + " display as another name."),
        a.rationale());
    assertTrue(a.rationale().contains("High: the tool name can display as"), a.rationale());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // escaped name | rule | evidence
        "read\\u0000file | name.control-character | NUL character (U+0000) at offset 4 of the name",
        "get\\u0007data | name.control-character | control character (U+0007) at offset 3 of the"
            + " name",
        "get\\u007Fdata | name.control-character | control character (U+007F) at offset 3 of the"
            + " name",
        "get\\u0085data | name.control-character | control character (U+0085) at offset 3 of the"
            + " name",
        "\\u001B[31mget_data\\u001B[0m | name.terminal-escape | escape character (U+001B) at offset"
            + " 0 of the name",
        "get\\u009B2Jdata | name.terminal-escape | control sequence introducer (U+009B) at offset 3"
            + " of the name",
        "get\\u2028data | name.line-separator | line separator (U+2028) at offset 3 of the name",
        "get\\u2029data | name.line-separator | paragraph separator (U+2029) at offset 3 of the"
            + " name",
        "get\\u2066data\\u2069 | name.bidi-control | left-to-right isolate (U+2066) at offset 3 of"
            + " the name",
        "get\\u200Fdata | name.bidi-control | right-to-left mark (U+200F) at offset 3 of the name",
        "get\\u061Cdata | name.bidi-control | arabic letter mark (U+061C) at offset 3 of the name",
        "get\\u200Bdata | name.invisible-character | zero width space (U+200B) at offset 3 of the"
            + " name",
        "get\\u200Ddata | name.invisible-character | zero width joiner (U+200D) at offset 3 of the"
            + " name",
        "get\\u2060data | name.invisible-character | word joiner (U+2060) at offset 3 of the name",
        "get\\uFEFFdata | name.invisible-character | zero width no-break space (U+FEFF) at offset 3"
            + " of the name",
        "get\\u3164data | name.invisible-character | hangul filler (U+3164) at offset 3 of the"
            + " name",
        "get\\u00ADdata | name.invisible-character | soft hyphen (U+00AD) at offset 3 of the name",
        "get_data\\uDB40\\uDC41 | name.tag-character | tag latin capital letter a (U+E0041) at"
            + " offset 8 of the name",
        "get_data\\uDB40\\uDC00 | name.tag-character | tag character (U+E0000) at offset 8 of the"
            + " name",
        "get\\uD800data | name.unpaired-surrogate | unpaired surrogate (U+D800) at offset 3 of the"
            + " name",
        "d\\u0435lete_file | name.mixed-script | the word 'd\\u0435lete' mixes Cyrillic and Latin"
            + " letters",
        "get_\\u03C1\\u03BF\\u03C1ts | name.mixed-script | the word '\\u03C1\\u03BF\\u03C1ts' mixes"
            + " Greek and Latin letters",
      })
  void eachKindOfDeceptiveCharacterFiresItsRule(String escapedName, String rule, String evidence) {
    String name = unescape(escapedName);
    Assessment a = classify(name, "Gets data.");

    assertEquals(unescape(evidence), signal(a, "deceptive-name").evidence());
    assertTrue(a.rules().contains(rule), a.rules().toString());
    assertTrue(a.riskLevel().ordinal() >= RiskLevel.HIGH.ordinal(), a.riskLevel().toString());
    assertTrue(a.rationale().contains("The tool name "), a.rationale());
  }

  @Test
  void escapeSequenceNamesTheTerminalRisk() {
    Assessment a = classify("\u001B[31mget_data\u001B[0m", "Gets data.");

    assertTrue(
        a.rationale()
            .contains(
                "The tool name contains an escape character (U+001B), which starts terminal"
                    + " control sequences that can recolour, hide or rewrite what a terminal"
                    + " shows."),
        a.rationale());
  }

  @Test
  void severalKindsAreEachCitedOnce() {
    Assessment a = classify("a\u202Eb\u202Ec\u0000d\u200Be", "Gets data.");

    assertEquals(
        "right-to-left override (U+202E) at offset 1 of the name; NUL character (U+0000) at offset"
            + " 5 of the name; zero width space (U+200B) at offset 7 of the name",
        signal(a, "deceptive-name").evidence());
  }

  @Test
  void aDestructiveToolWithADeceptiveNameStaysCritical() {
    Assessment a = classify("delete\u202E_file", "Deletes a file.");

    assertEquals(Category.DESTRUCTIVE, a.category());
    assertEquals(RiskLevel.CRITICAL, a.riskLevel());
    assertTrue(a.signalIds().contains("deceptive-name"));
    assertFalse(a.rules().contains("risk.deceptive-name"), "the raise is not needed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get_weather",
        "listFiles",
        "github.issues/create",
        "API-post-page",
        "tool with spaces",
        "天気を取得",
        "ファイル検索",
        "検索search",
        "search_東京",
        "créer_fichier",
        "cafe\u0301_menu",
        "größe_ändern",
        "получить_погоду",
        "get_данные",
        "getДанные",
        "αναζήτηση_αρχείων",
        "한국어_검색",
        "搜索_文件",
        "بحث_الملفات",
        "खोज_फ़ाइल",
        "emoji_🙂_tool",
        "s3Upload2",
      })
  void plainAndLegitimateNonLatinNamesAreNotDeceptive(String name) {
    Assessment a = classify(name, "Gets data.");

    assertFalse(a.signalIds().contains("deceptive-name"), name + ": " + a.signals());
  }

  @Test
  void noRealBundledToolHasADeceptiveName() {
    for (BundledTools.Listing listing : BundledTools.all()) {
      Assessment a = CLASSIFIER.classify(listing.tool(), listing.server());
      assertFalse(
          a.signalIds().contains("deceptive-name"), listing.tool().name() + ": " + a.signals());
    }
  }

  private static Assessment classify(String name, String description) {
    return CLASSIFIER.classify(
        ToolDefinition.of(Json.object().put("name", name).put("description", description)), null);
  }

  private static Signal signal(Assessment a, String id) {
    return a.signals().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + a.signals()));
  }

  /** {@code \\uXXXX} escapes of a CSV cell as chars. */
  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (text.startsWith("\\u", i)) {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }
}
