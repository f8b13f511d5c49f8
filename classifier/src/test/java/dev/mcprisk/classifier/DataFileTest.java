package dev.mcprisk.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import org.junit.jupiter.api.Test;

/** Bad data files fail at load time with a message naming the file and the field. */
class DataFileTest {

  @Test
  void shippedDataFilesLoad() {
    Classifier.loadDefault();
  }

  @Test
  void missingFileIsAClearError() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> DataFile.load("no-such.json"));
    assertEquals(
        "classifier data file /dev/mcprisk/classifier/no-such.json is missing", e.getMessage());
  }

  @Test
  void verbListedUnderTwoCategoriesIsRejected() throws Exception {
    ObjectNode root = (ObjectNode) Json.parse(lexiconText());
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("verbs").path("Read")).add("delete");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Lexicon.from(DataFile.of("lexicon.json", root)));
    assertEquals(
        "classifier data file lexicon.json, verbs.Read: verb 'delete' is also listed under"
            + " Destructive",
        e.getMessage());
  }

  @Test
  void unknownCategoryIsRejected() throws Exception {
    ObjectNode root = (ObjectNode) Json.parse(lexiconText());
    ((ObjectNode) root.path("verbs")).putArray("Dangerous").add("zap");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Lexicon.from(DataFile.of("lexicon.json", root)));
    assertEquals(
        "classifier data file lexicon.json, verbs: unknown category 'Dangerous' (expected one of"
            + " Read, Write, Execute, Destructive, Financial, Other)",
        e.getMessage());
  }

  @Test
  void badRegexIsRejectedWithItsRuleId() throws Exception {
    ObjectNode root = (ObjectNode) Json.parse(resource(SignalRules.FILE));
    ((ObjectNode) root.path("poisoningRules").get(0)).put("regex", "(unclosed");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> SignalRules.from(DataFile.of("signals.json", root)));
    assertEquals(
        "classifier data file signals.json, poisoningRules[poison.ignore-previous]: bad regex in"
            + " 'regex': Unclosed group",
        e.getMessage());
  }

  @Test
  void missingFieldIsNamed() throws Exception {
    ObjectNode root = (ObjectNode) Json.parse(resource(RiskRules.FILE));
    root.remove("scoreBands");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> RiskRules.from(DataFile.of("risk.json", root)));
    assertEquals(
        "classifier data file risk.json, scoreBands: field 'scoreBands' is missing",
        e.getMessage());
  }

  private static String lexiconText() throws Exception {
    return resource(Lexicon.FILE);
  }

  private static String resource(String file) throws Exception {
    try (var in = DataFile.class.getResourceAsStream(DataFile.RESOURCE_FOLDER + file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
