package dev.mcprisk.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.ToolDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mechanisms that let the classifier read tools of servers it has never seen: verbs anywhere in
 * the name, lemmas, negation, action enums, multiplexed "manage" tools, computations and money
 * verbs. Every tool here is made up; none is a tool of the labelled corpus.
 */
class ClassifierGeneralisationTest {
  private static final Classifier CLASSIFIER = Classifier.loadDefault();
  private static final Lexicon LEXICON = Lexicon.from(DataFile.load(Lexicon.FILE));

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource({
    "widget_store_delete, Deletes a widget store., Destructive",
    "gizmobus_queue_peek, Peeks at the next messages of a queue., Read",
    "gadgetFieldPurge, Purges a gadget field for good., Destructive",
    "compute_gizmo_delete, Deletes a gizmo., Destructive",
    "zork_list_gizmo_groups, Lists gizmo groups., Read",
    "get_gizmo_comment, Gets a comment of a gizmo., Read",
    "mark_gizmo_as_read, Marks a gizmo as read., Write",
    "logs_fetch_recent, Fetches the latest gizmo logs., Read",
  })
  void findsTheVerbAnywhereInTheName(String name, String description, String category) {
    Assessment a = classify(tool(name, description), null);
    assertEquals(Category.parse(category), a.category(), a.rationale());
  }

  @Test
  void aNameEndingInItsVerbSaysSoInTheRationale() {
    Assessment a = classify(tool("compute_gizmo_delete", "Deletes a gizmo."), null);

    assertTrue(a.rules().contains("name.resource-verb"), a.rules().toString());
    assertTrue(a.rationale().contains("the last verb, 'delete', is the action"), a.rationale());
  }

  @Test
  void aFirstWordThatRepeatsTheServerNameIsANamespace() {
    Assessment a =
        classify(
            tool("launch_gizmo_list", "Lists gizmos."), new ServerContext("launch", "Gizmo tools"));

    assertEquals(Category.READ, a.category(), a.rationale());
    assertTrue(a.rules().contains("name.server-prefix"), a.rules().toString());
  }

  @Test
  void lemmatisesInflectedIrregularAndPrefixedForms() {
    for (String form : new String[] {"delete", "deletes", "deleted", "deleting"}) {
      assertEquals("delete", LEXICON.verb(form).word(), form);
    }
    assertEquals("write", LEXICON.verb("wrote").word());
    assertEquals("create", LEXICON.verb("recreate").word());
    assertEquals(Category.WRITE, LEXICON.verb("unpurge").category());
    assertNull(LEXICON.baseVerb("deleted"));
    assertEquals(Category.DESTRUCTIVE, LEXICON.compoundVerb("factorypurge").category());
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "zorblax | Never removes messages; returns the next one. | Read",
        "zorblax | Returns the next message without deleting it. | Read",
        "zorblax | Returns the logged gizmo events. | Read",
        "zorblax | Removes the next message. | Destructive",
      })
  void negatedVerbsAndParticiplesDoNotDecide(String name, String description, String category) {
    Assessment a = classify(tool(name, description), null);
    assertEquals(Category.parse(category), a.category(), a.rationale());
  }

  @Test
  void anActionParameterDecidesByItsMostDangerousValue() {
    ObjectNode listed = tool("gizmo_admin", "Administers gizmos.");
    listed
        .putObject("inputSchema")
        .putObject("properties")
        .putObject("command")
        .put("type", "string")
        .put("description", "list | get | purge");
    assertEquals(Category.DESTRUCTIVE, classify(listed, null).category());

    ObjectNode nested = tool("gizmo_batch", "Runs several gizmo operations atomically.");
    ObjectNode items =
        nested
            .putObject("inputSchema")
            .putObject("properties")
            .putObject("operations")
            .put("type", "array")
            .putObject("items");
    ArrayNode kinds =
        items.putObject("properties").putObject("type").put("type", "string").putArray("enum");
    kinds.add("copy").add("move").add("delete");
    assertEquals(Category.DESTRUCTIVE, classify(nested, null).category());

    ObjectNode joined = tool("gizmo_control", "Controls a gizmo.");
    ArrayNode values =
        joined
            .putObject("inputSchema")
            .putObject("properties")
            .putObject("action")
            .put("type", "string")
            .putArray("enum");
    values.add("reboot").add("factoryreset");
    assertEquals(Category.DESTRUCTIVE, classify(joined, null).category());
  }

  @Test
  void aManageToolTakesTheMostDangerousActionItLists() {
    Assessment a =
        classify(
            tool("manage_gizmos", "Manage gizmos. Supports listing, adding, and removing gizmos."),
            null);

    assertEquals(Category.DESTRUCTIVE, a.category(), a.rationale());
  }

  @ParameterizedTest(name = "{0} -> Read")
  @CsvSource({
    "subtract, Subtracts b from a.",
    "multiply_numbers, Multiplies two numbers.",
    "gizmo_base64_encode, Encodes text as base64.",
    "hash_text, Hashes a text with SHA-256.",
    "json_format, Pretty-prints JSON.",
    "parse_gizmo, Parses a gizmo description.",
    "diff_texts, Shows the diff of two texts.",
  })
  void pureComputationsAreRead(String name, String description) {
    Assessment a = classify(tool(name, description), null);
    assertEquals(Category.READ, a.category(), a.rationale());
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "debit_account | Debits an account. | Financial",
        "credit_wallet | Credits a wallet. | Financial",
        "reverse_payment | Reverses a payment. | Financial",
        "void_invoice | Voids an invoice. | Financial",
        "cancel_subscription | Cancels a billing subscription. | Financial",
        "checkout_cart | Checks out the shopping cart. | Financial",
        "list_refunds | Lists refunds. | Read",
        "gizmo_git_checkout | Checks out a branch of the repository. | Write",
        "reverse_geocode | Turns coordinates into an address. | Read",
      })
  void moneyMovesAreFinancialAndReadingThemIsNot(String name, String description, String cat) {
    Assessment a = classify(tool(name, description), null);
    assertEquals(Category.parse(cat), a.category(), a.rationale());
  }

  @Test
  void otherOnlyWhenNothingSaysWhatTheToolDoes() {
    assertEquals(Category.OTHER, classify(tool("zorblax", "Zorblax."), null).category());
    assertEquals(
        Category.READ, classify(tool("zorblax", "Quick gizmo analysis."), null).category());
  }

  private static Assessment classify(ObjectNode json, ServerContext server) {
    return CLASSIFIER.classify(ToolDefinition.of(json), server);
  }

  private static ObjectNode tool(String name, String description) {
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("description", description);
    return json;
  }
}
