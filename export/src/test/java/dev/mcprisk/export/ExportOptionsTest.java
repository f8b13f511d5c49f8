package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.PolicyAction;
import dev.mcprisk.model.PolicyRecommendation;
import dev.mcprisk.model.RiskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportOptionsTest {
  static final CatalogueServer SERVER =
      catalogueServer(
          "io.github.example/mixed",
          List.of(
              assessed(tool("read_file", "path"), Category.READ, "Reads."),
              assessed(tool("run", "cmd"), Category.EXECUTE, "Runs."),
              assessed(tool("rm", "path"), Category.DESTRUCTIVE, "Deletes. Forever.")));

  @Test
  void defaultsKeepEveryServerToolAndStoredPolicy() {
    assertEquals(SERVER, ExportOptions.DEFAULTS.select(SERVER).orElseThrow());
    for (var t : SERVER.tools()) {
      assertEquals(t.policy(), ExportOptions.DEFAULTS.policyFor(t));
    }
    assertEquals("balanced", ExportOptions.DEFAULTS.profile());
  }

  @Test
  void minRiskKeepsToolsAtOrAboveTheLevelAndDropsServersLeftEmpty() {
    CatalogueServer high = ExportOptions.DEFAULTS.withMinRisk(RiskLevel.HIGH).select(SERVER).get();
    assertEquals(List.of("rm", "run"), high.tools().stream().map(t -> t.tool().name()).toList());
    CatalogueServer reads =
        catalogueServer("r", List.of(assessed(tool("get"), Category.READ, "Reads.")));
    assertTrue(ExportOptions.DEFAULTS.withMinRisk(RiskLevel.MEDIUM).select(reads).isEmpty());
  }

  @Test
  void serverFilterMatchesIdOrNameExactly() {
    assertTrue(
        ExportOptions.DEFAULTS.withServer("io.github.example/mixed").select(SERVER).isPresent());
    assertTrue(
        ExportOptions.DEFAULTS.withServer("io.github.example/MIXED").select(SERVER).isEmpty());
    assertTrue(ExportOptions.DEFAULTS.withServer("mixed").select(SERVER).isEmpty());
  }

  @Test
  void hideDestructiveHidesOnlyDestructiveToolsKeepingTheRefusalMessage() {
    ExportOptions hide = ExportOptions.DEFAULTS.withHideDestructive(true);
    PolicyRecommendation rm = hide.policyFor(SERVER.tools().get(1));
    assertEquals(PolicyAction.HIDE, rm.action());
    assertEquals("hide destructive tool", rm.ruleName());
    assertEquals(SERVER.tools().get(1).policy().onDeny(), rm.onDeny());
    assertEquals(SERVER.tools().get(2).policy(), hide.policyFor(SERVER.tools().get(2)));
  }

  @Test
  void hideDestructiveOverridesAProfileThatRateLimitsDestructiveTools() {
    PolicyMapper permissive =
        t ->
            new PolicyRecommendation(
                PolicyAction.RATE_LIMIT, "destructive rate limit", 5, "hour", null, "Slow.");
    PolicyRecommendation rm =
        ExportOptions.DEFAULTS
            .withProfile("permissive", permissive)
            .withHideDestructive(true)
            .policyFor(SERVER.tools().get(1));
    assertEquals(PolicyAction.HIDE, rm.action());
    assertEquals("Hidden: Destructive tool (Critical risk).", rm.onDeny());
  }

  @Test
  void defaultDenyWithMinRiskIsRefusedBecauseItWouldRefuseTheSafestTools() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExportOptions.DEFAULTS.withDefaultDeny(true).withMinRisk(RiskLevel.HIGH));
    assertEquals(
        "--default-deny cannot be combined with --min-risk High: tools left out of an allow-list"
            + " are refused, so the safest tools would be",
        e.getMessage());
  }

  @Test
  void invalidOptionsNameTheArgument() {
    assertEquals(
        "profile is blank",
        assertThrows(
                IllegalArgumentException.class,
                () -> ExportOptions.DEFAULTS.withProfile(" ", PolicyMapper.STORED))
            .getMessage());
    assertEquals(
        "server is empty (use null for every server)",
        assertThrows(IllegalArgumentException.class, () -> ExportOptions.DEFAULTS.withServer(""))
            .getMessage());
    assertEquals(
        "minRisk == null",
        assertThrows(NullPointerException.class, () -> ExportOptions.DEFAULTS.withMinRisk(null))
            .getMessage());
  }
}
