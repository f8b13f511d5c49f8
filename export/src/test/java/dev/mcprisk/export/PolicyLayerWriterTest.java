package dev.mcprisk.export;

import static dev.mcprisk.export.TestCatalogue.assessed;
import static dev.mcprisk.export.TestCatalogue.catalogueServer;
import static dev.mcprisk.export.TestCatalogue.hidden;
import static dev.mcprisk.export.TestCatalogue.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLayerWriterTest {
  @Test
  void rendersLimitsDenyIfAndEmptyObjectsPerTheSpec() throws Exception {
    CatalogueServer server =
        catalogueServer(
            "io.github.example/aws",
            List.of(
                assessed(tool("StartAHORunBatch", "id"), Category.EXECUTE, "Starts runs."),
                assessed(tool("create_refund"), Category.FINANCIAL, "Refunds."),
                assessed(tool("list_runs"), Category.READ, "Lists."),
                assessed(tool("*"), Category.READ, "Star."),
                hidden(tool("delete_account"))));
    JsonNode root = Json.parse(PolicyLayerWriter.render(server));
    assertEquals(
        Json.parse(
            """
            {"version": "1", "default": "allow", "hide": ["delete_account"],
             "tools": {
               "StartAHORunBatch": {"limits": [{"counter": "startahorunbatch_rate",
                   "window": "minute", "max": 10, "scope": "grant"}]},
               "create_refund": {"require": [], "deny_if": [{"conditions": [],
                   "on_deny": "Blocked: Financial tool (Critical risk). It deletes things."}],
                   "limits": []},
               "delete_account": {"require": [], "deny_if": [{"conditions": [],
                   "on_deny": "Hidden: Destructive."}], "limits": []},
               "list_runs": {}
             }}
            """),
        root);
    assertFalse(root.get("tools").has("*"));
  }

  @Test
  void everyBundledServerRendersParsableJson() throws Exception {
    for (CatalogueServer server : TestCatalogue.bundled()) {
      JsonNode root = Json.parse(PolicyLayerWriter.render(server));
      assertEquals(server.tools().size(), root.get("tools").size(), server.server().id());
    }
  }
}
