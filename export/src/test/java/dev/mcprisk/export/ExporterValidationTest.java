package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampled Intercept validation of large exports, and failures on the policy thread. */
class ExporterValidationTest {
  private static final Instant GENERATED = Instant.parse("2026-11-21T02:00:00Z");
  private static final String PLAIN = "version: \"1\"\ntools:\n  \"t\":\n    rules: []\n";

  @TempDir Path home;

  @Test
  void theFirstFilesAndASampleOfPlainFilesAreValidatedInFull() {
    for (int i = 0; i < PolicyFileWriter.VALIDATE_FIRST_FILES; i++) {
      assertTrue(PolicyFileWriter.validateInFull(i, PLAIN), "file " + i);
    }
    int checked = 0;
    int after = PolicyFileWriter.VALIDATE_ONE_IN * 100;
    for (int i = PolicyFileWriter.VALIDATE_FIRST_FILES;
        i < PolicyFileWriter.VALIDATE_FIRST_FILES + after;
        i++) {
      checked += PolicyFileWriter.validateInFull(i, PLAIN) ? 1 : 0;
    }
    assertEquals(100, checked);
  }

  @Test
  void everyFileWithEscapesNonAsciiControlsOrExplicitKeysIsValidatedInFull() {
    int plainIndex = PolicyFileWriter.VALIDATE_FIRST_FILES + 1;
    assertFalse(PolicyFileWriter.validateInFull(plainIndex, PLAIN));
    for (String text :
        List.of(
            PLAIN.replace("\"t\"", "\"a\\\"b\""),
            PLAIN.replace("\"t\"", "\"caf\u00e9\""),
            PLAIN.replace("\"t\"", "\"\u202etxt\""),
            PLAIN + "# tab\there\n",
            PLAIN + "\r",
            PLAIN + "\u007f",
            PLAIN.replace("  \"t\":", "  ? \"" + "x".repeat(1001) + "\"\n  :"))) {
      assertTrue(PolicyFileWriter.validateInFull(plainIndex, text), text);
    }
  }

  @Test
  void everyFileOfAnExportBeyondTheFullyCheckedOnesPassesTheValidator() throws Exception {
    List<CatalogueServer> template = TestCatalogue.bundled();
    List<CatalogueServer> servers = new ArrayList<>();
    int count = PolicyFileWriter.VALIDATE_FIRST_FILES + 3 * PolicyFileWriter.VALIDATE_ONE_IN;
    for (int i = 0; i < count; i++) {
      CatalogueServer base = template.get(i % template.size());
      List<AssessedTool> tools = new ArrayList<>(base.tools());
      if (i % 7 == 0) {
        tools.add(assessed(tool("rm -rf: \"/\"\n- x", "a b"), Category.DESTRUCTIVE, "Deletes."));
      }
      servers.add(catalogueServer(String.format(Locale.ROOT, "io.github.test/s%05d", i), tools));
    }
    Path export = home.resolve("export");
    ExportStats stats = Exporter.writeAll(export, servers, GENERATED, "1.0.0");
    assertEquals(count, stats.interceptFiles());
    try (Stream<Path> files = Files.list(export.resolve(Exporter.INTERCEPT_DIR))) {
      List<Path> all = files.toList();
      assertEquals(count, all.size());
      for (Path file : all) {
        assertEquals(
            List.of(), InterceptPolicyValidator.validateFile(file).violations(), file.toString());
      }
    }
  }

  @Test
  void anInvalidPolicyFoundOnThePolicyThreadFailsTheExportAndKeepsThePreviousOne()
      throws Exception {
    Path export = home.resolve("export");
    Exporter.writeAll(export, TestCatalogue.bundled(), GENERATED, "1.0.0");
    byte[] before = Files.readAllBytes(export.resolve(Exporter.CATALOGUE_FILE));
    // 1,000,000,000/minute: a valid recommendation, but Intercept allows at most 9 digits.
    PolicyMapper tooHigh =
        t ->
            new PolicyRecommendation(
                PolicyAction.RATE_LIMIT, "huge limit", 1_000_000_000, "minute", null, "No.");
    ExportOptions options = ExportOptions.DEFAULTS.withProfile("huge", tooHigh);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Exporter.writeAll(
                    export,
                    TestCatalogue.bundled(),
                    GENERATED,
                    "2.0.0",
                    options,
                    ToolHistoryLookup.NONE));
    assertTrue(e.getMessage().contains("is invalid"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(export.resolve(Exporter.CATALOGUE_FILE)));
    try (Stream<Path> siblings = Files.list(home)) {
      assertEquals(List.of(export), siblings.toList());
    }
  }

  @Test
  void catalogueJsonHasOneServerPerLineWithTheBytesOfItsNdjsonLine() throws Exception {
    Path export = home.resolve("export");
    Exporter.writeAll(export, TestCatalogue.bundled(), GENERATED, "1.0.0");
    List<String> document = Files.readAllLines(export.resolve(Exporter.CATALOGUE_FILE));
    List<String> ndjson = Files.readAllLines(export.resolve(Exporter.NDJSON_FILE));
    int servers = ndjson.size() - 1;
    assertEquals(servers + 2, document.size());
    assertTrue(document.get(0).endsWith("\"servers\":["), document.get(0));
    assertEquals("],\"policyProfile\":\"balanced\"}", document.get(document.size() - 1));
    for (int i = 1; i <= servers; i++) {
      String line = document.get(i);
      String element = i < servers ? line.substring(0, line.length() - 1) : line;
      assertEquals(ndjson.get(i), element, "server line " + i);
    }
  }
}
