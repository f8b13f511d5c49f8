package dev.mcprisk.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import dev.mcprisk.model.ToolDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real tools from the bundled listings, with the category a careful reader gives them. */
class ClassifierTest {
  private static final Classifier CLASSIFIER = Classifier.loadDefault();

  @ParameterizedTest(name = "{0}/{1} -> {2} {3}")
  @CsvSource({
    // file prefix, tool, category, risk level
    "modelcontextprotocol__server-memory, delete_entities, Destructive, Critical",
    "modelcontextprotocol__server-memory, delete_observations, Destructive, Critical",
    "modelcontextprotocol__server-memory, delete_relations, Write, Medium",
    "modelcontextprotocol__server-memory, create_entities, Write, Medium",
    "modelcontextprotocol__server-memory, read_graph, Read, Low",
    "modelcontextprotocol__server-memory, open_nodes, Read, Low",
    // 0.2.0: "completely overwrite an existing file ... without warning" is Destructive (labels).
    "modelcontextprotocol__server-filesystem, write_file, Destructive, Critical",
    "modelcontextprotocol__server-filesystem, move_file, Write, Medium",
    "modelcontextprotocol__server-filesystem, read_text_file, Read, Medium",
    "modelcontextprotocol__server-filesystem, list_allowed_directories, Read, Low",
    "wonderwhy-er__desktop-commander, start_process, Execute, Critical",
    "wonderwhy-er__desktop-commander, interact_with_process, Execute, Critical",
    "wonderwhy-er__desktop-commander, kill_process, Execute, High",
    "wonderwhy-er__desktop-commander, start_search, Read, Medium",
    // 0.2.0: it can set allowedDirectories to full file-system access, a permission change.
    "wonderwhy-er__desktop-commander, set_config_value, Write, High",
    "stripe__mcp, create_refund, Financial, Critical",
    "stripe__mcp, create_payment_link, Financial, Critical",
    "stripe__mcp, finalize_invoice, Financial, Critical",
    "stripe__mcp, cancel_subscription, Financial, Critical",
    "stripe__mcp, list_customers, Read, Low",
    "stripe__mcp, list_invoices, Read, Low",
    "stripe__mcp, retrieve_balance, Read, Low",
    "stripe__mcp, create_customer, Write, Medium",
    "playwright__mcp.json, browser_click, Execute, High",
    "playwright__mcp.json, browser_navigate, Execute, High",
    "playwright__mcp.json, browser_type, Execute, High",
    "playwright__mcp.json, browser_snapshot, Read, Low",
    "playwright__mcp.json, browser_tabs, Execute, High",
    "playwright__mcp.json, browser_run_code_unsafe, Execute, Critical",
    "modelcontextprotocol__server-puppeteer, puppeteer_evaluate, Execute, Critical",
    "modelcontextprotocol__server-sequential-thinking, sequentialthinking, Read, Low",
    "mcp-server-kubernetes, kubectl_delete, Destructive, Critical",
    "mcp-server-kubernetes, kubectl_get, Read, Low",
    "mcp-server-kubernetes, kubectl_context, Write, Medium",
    "mcp-server-kubernetes, kubectl_generic, Execute, Critical",
    "mcp-server-kubernetes, exec_in_pod, Execute, Critical",
    "mcp-server-kubernetes, uninstall_helm_chart, Destructive, Critical",
    "mcp-server-kubernetes, install_helm_chart, Write, Medium",
    "modelcontextprotocol__server-slack, slack_post_message, Write, High",
    "modelcontextprotocol__server-slack, slack_reply_to_thread, Write, High",
    "modelcontextprotocol__server-slack, slack_add_reaction, Write, Medium",
    "modelcontextprotocol__server-slack, slack_get_channel_history, Read, Low",
    "mongodb-mcp-server.json, drop-collection, Destructive, Critical",
    "mongodb-mcp-server.json, delete-many, Destructive, Critical",
    "mongodb-mcp-server.json, update-many, Write, High",
    "mongodb-mcp-server.json, find, Read, Low",
    "mongodb-mcp-server.json, mongodb-logs, Read, Low",
    "modelcontextprotocol__server-postgres, query, Read, Low",
    "supabase__mcp-server-supabase, execute_sql, Execute, Critical",
    "supabase__mcp-server-supabase, query_logs, Read, Low",
    "supabase__mcp-server-supabase, reset_branch, Destructive, Critical",
    "supabase__mcp-server-supabase, get_publishable_keys, Read, Medium",
    "modelcontextprotocol__server-everything.json, get-env, Read, Medium",
    "modelcontextprotocol__server-everything.json, echo, Read, Low",
    "notionhq__notion-mcp-server, API-post-page, Write, Medium",
    "notionhq__notion-mcp-server, API-post-search, Read, Low",
    "notionhq__notion-mcp-server, API-delete-a-block, Destructive, Critical",
    "modelcontextprotocol__server-github, create_or_update_file, Write, Medium",
    "modelcontextprotocol__server-github, merge_pull_request, Write, Medium",
    "modelcontextprotocol__server-google-maps, maps_geocode, Read, Low",
  })
  void classifiesRealToolAsACarefulReaderWould(
      String filePrefix, String toolName, String category, String riskLevel) {
    BundledTools.Listing listing = BundledTools.find(filePrefix, toolName);

    Assessment assessment = CLASSIFIER.classify(listing.tool(), listing.server());

    String why = toolName + ": " + assessment.rationale() + " " + assessment.rules();
    assertEquals(Category.parse(category), assessment.category(), why);
    assertEquals(RiskLevel.parse(riskLevel), assessment.riskLevel(), why);
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "force_push | Force-push a branch to the remote. | Destructive | Critical",
        "transfer_funds | Transfer money between accounts. | Financial | Critical",
        "charge_customer | Charge a customer's card. | Financial | Critical",
        "add | Adds two numbers. | Read | Low",
        "terminate_instance | Terminates an EC2 instance. | Destructive | Critical",
        "removeLabel | Remove a label from an issue. | Write | Medium",
        "invite_member | Invite a member to the workspace. | Write | High",
        "send_email | Send an email. | Write | High",
        "run_python_code | Run Python code in a sandbox. | Execute | Critical",
        "fetchPage | Fetches a web page to read it. | Read | Low",
        "wipe_device | Wipe the device. | Destructive | Critical",
      })
  void classifiesTaxonomyExamples(
      String name, String description, String category, String riskLevel) {
    Assessment assessment = CLASSIFIER.classify(tool(name, description), null);

    String why = name + ": " + assessment.rationale() + " " + assessment.rules();
    assertEquals(Category.parse(category), assessment.category(), why);
    assertEquals(RiskLevel.parse(riskLevel), assessment.riskLevel(), why);
  }

  @Test
  void rationaleCitesVerbObjectDescriptionAndRiskReason() {
    BundledTools.Listing listing =
        BundledTools.find("modelcontextprotocol__server-memory", "delete_entities");

    Assessment assessment = CLASSIFIER.classify(listing.tool(), listing.server());

    assertEquals(
        "The 'delete' verb and 'entities' object in the name 'delete_entities' suggest"
            + " Destructive; the description says 'Delete multiple entities and their associated"
            + " relations from the knowledge graph'. Critical: destructive actions are Critical.",
        assessment.rationale());
    assertEquals(java.util.List.of("name.verb", "risk.destructive"), assessment.rules());
    assertEquals(Classifier.VERSION, assessment.classifierVersion());
  }

  @Test
  void readingAFinancialRecordIsReadButChangingItIsFinancial() {
    Assessment get = CLASSIFIER.classify(tool("get_refund", "Retrieve a refund."), null);
    Assessment list = CLASSIFIER.classify(tool("list_charges", "List charges."), null);
    Assessment create = CLASSIFIER.classify(tool("create_refund", "Refund a charge."), null);

    assertEquals(Category.READ, get.category());
    assertEquals(Category.READ, list.category());
    assertEquals(Category.FINANCIAL, create.category());
    assertTrue(create.rules().contains("financial.object"), create.rules().toString());
  }

  @Test
  void paymentsServerMakesAmbiguousMoneyObjectsFinancial() {
    ObjectNode json = Json.object();
    json.put("name", "update_subscription");
    json.put("description", "Update a subscription.");
    ToolDefinition tool = ToolDefinition.of(json);

    Assessment plain = CLASSIFIER.classify(tool, ServerContext.NONE);
    Assessment payments =
        CLASSIFIER.classify(tool, new ServerContext("acme-billing", "Payments and billing API"));

    assertEquals(Category.WRITE, plain.category());
    assertEquals(Category.FINANCIAL, payments.category());
  }

  @Test
  void mostDangerousEnumeratedOperationDecides() {
    ObjectNode json = Json.object();
    json.put("name", "manage_records");
    json.put("description", "Manage records: create, update or delete.");
    Assessment described = CLASSIFIER.classify(ToolDefinition.of(json), null);

    ObjectNode withEnum = Json.object();
    withEnum.put("name", "records");
    withEnum.put("description", "Work with records.");
    ObjectNode action =
        withEnum.putObject("inputSchema").putObject("properties").putObject("method");
    action.put("type", "string");
    action.putArray("enum").add("get_record").add("delete_record").add("update_record");
    Assessment enumerated = CLASSIFIER.classify(ToolDefinition.of(withEnum), null);

    assertEquals(Category.DESTRUCTIVE, described.category(), described.rationale());
    assertTrue(described.rules().contains("desc.enumeration"), described.rules().toString());
    assertEquals(Category.DESTRUCTIVE, enumerated.category(), enumerated.rationale());
    assertTrue(enumerated.rules().contains("param.action-enum"), enumerated.rules().toString());
    assertTrue(enumerated.rationale().contains("'delete_record'"), enumerated.rationale());
  }

  @Test
  void verbAtTheEndOfTheNameCounts() {
    Assessment assessment = CLASSIFIER.classify(tool("issue_create", "Opens an issue."), null);

    assertEquals(Category.WRITE, assessment.category(), assessment.rationale());
  }

  @Test
  void toolWithNoClueIsOtherWithLowConfidence() {
    Assessment assessment = CLASSIFIER.classify(tool("zorblax", ""), null);

    assertEquals(Category.OTHER, assessment.category());
    assertEquals(RiskLevel.MEDIUM, assessment.riskLevel());
    assertEquals(java.util.List.of("empty-description"), assessment.signalIds());
    assertTrue(assessment.confidence() <= 0.1, "confidence " + assessment.confidence());
  }

  @Test
  void scoreBandsRiseWithRiskLevel() {
    int low = CLASSIFIER.classify(tool("list_things", "List things."), null).score();
    int medium = CLASSIFIER.classify(tool("create_thing", "Create a thing."), null).score();
    int high = CLASSIFIER.classify(tool("run_job", "Run a job."), null).score();
    int critical = CLASSIFIER.classify(tool("delete_thing", "Delete a thing."), null).score();

    assertTrue(5 <= low && low <= 29, "low " + low);
    assertTrue(30 <= medium && medium <= 54, "medium " + medium);
    assertTrue(55 <= high && high <= 79, "high " + high);
    assertTrue(80 <= critical && critical <= 100, "critical " + critical);
  }

  @Test
  void nullToolIsRejectedWithItsName() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> CLASSIFIER.classify(null, null));
    assertEquals("tool == null", e.getMessage());
  }

  @Test
  void versionIsTheConstant() {
    assertNotNull(CLASSIFIER.version());
    assertEquals(Classifier.VERSION, CLASSIFIER.version());
  }

  static ToolDefinition tool(String name, String description) {
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("description", description);
    return ToolDefinition.of(json);
  }
}
