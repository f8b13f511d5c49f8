package dev.mcprisk.crawler.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.ToolDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeToolExtractorTest {

  /**
   * Wall time allowed for one hostile input: 15 seconds (a 512 KiB table takes 1.5 to 3 s warm,
   * more on a loaded 2-core machine; the bound catches hangs and runaway recursion).
   */
  private static final Duration HOSTILE_INPUT_BUDGET = Duration.ofSeconds(15);

  /** Size of the huge-table input: 256 Ki characters, 202 columns by about 300 rows. */
  private static final int HUGE_TABLE_CHARS = 256 * 1024;

  private static ToolDefinition tool(ReadmeExtraction extraction, String name) {
    return extraction.tools().stream()
        .filter(tool -> tool.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tool " + name + " in " + extraction.toolNames()));
  }

  private static JsonNode json(String text) throws Exception {
    return Json.parse(text);
  }

  @Test
  void readsListOfCodeNamesWithDescriptionsAfterADash() {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            # Demo server

            ## Available Tools

            - `list-databases` - List all databases
            - `find`: Run a find query
            - **drop_index** — Drop an index
            """);

    assertEquals(List.of("list-databases", "find", "drop_index"), extraction.toolNames());
    assertEquals("List all databases", tool(extraction, "list-databases").description());
    assertEquals("Run a find query", tool(extraction, "find").description());
    assertEquals("Drop an index", tool(extraction, "drop_index").description());
    assertEquals("Available Tools", extraction.sectionHeading());
  }

  @Test
  void readsInputsListIntoInputSchemaWithTypesAndRequiredParameters() throws Exception {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## Tools

            1. `create_repository`
               - Create a new GitHub repository
               - Inputs:
                 - `name` (string): Repository name
                 - `description` (optional string): Repository description
                 - `private` (boolean, optional): Whether repo should be private
                 - `tags` (string[]): Topics
               - Returns: Created repository details
            """);

    ToolDefinition tool = tool(extraction, "create_repository");
    assertEquals("Create a new GitHub repository", tool.description());
    assertEquals(
        json(
            """
            {"type":"object","properties":{
              "name":{"type":"string","description":"Repository name"},
              "description":{"type":"string","description":"Repository description"},
              "private":{"type":"boolean","description":"Whether repo should be private"},
              "tags":{"type":"array","description":"Topics"}},
             "required":["name","tags"]}
            """),
        tool.inputSchema());
  }

  @Test
  void readsRequiredAndOptionalInputListsAndInlineInput() throws Exception {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## Tools

            1. `slack_post_message`
               - Post a new message
               - Required inputs:
                 - `channel_id` (string): The channel
               - Optional inputs:
                 - `thread_ts` (string): Thread
            2. `geocode`
               - Convert address to coordinates
               - Input: `address` (string)
            """);

    assertEquals(
        json("[\"channel_id\"]"),
        tool(extraction, "slack_post_message").inputSchema().get("required"));
    assertEquals(
        json(
            """
            {"type":"object","properties":{"address":{"type":"string"}},"required":["address"]}
            """),
        tool(extraction, "geocode").inputSchema());
  }

  @Test
  void attachesDetailsIndentedTooLittleUnderTwoDigitItemsToThePreviousTool() {
    StringBuilder markdown = new StringBuilder("## Tools\n\n");
    for (int i = 1; i <= 10; i++) {
      markdown
          .append(i)
          .append(". `tool_")
          .append(i)
          .append("`\n   - Does thing ")
          .append(i)
          .append("\n   - Inputs:\n     - `owner_")
          .append(i)
          .append("` (string): Owner\n\n");
    }

    ReadmeExtraction extraction = ReadmeToolExtractor.extractFromMarkdown(markdown.toString());

    assertEquals(10, extraction.tools().size(), extraction.toolNames().toString());
    ToolDefinition tenth = tool(extraction, "tool_10");
    assertEquals("Does thing 10", tenth.description());
    assertTrue(tenth.inputSchema().get("properties").has("owner_10"));
  }

  @Test
  void readsTitleDescriptionAndParametersFromBoldItemsInsideDetails() throws Exception {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ### Tools

            <details>
            <summary><b>Core automation</b></summary>

            - **browser_click**
              - Title: Click
              - Description: Perform click on a web page
              - Parameters:
                - `element` (string, optional): Element description
                - `target` (string): Exact target element reference
              - Read-only: **false**

            - **browser_close**
              - Title: Close browser
              - Description: Close the page
              - Parameters: None
              - Read-only: **false**

            </details>
            """);

    assertEquals(List.of("browser_click", "browser_close"), extraction.toolNames());
    ToolDefinition click = tool(extraction, "browser_click");
    assertEquals("Click", click.title());
    assertEquals("Perform click on a web page", click.description());
    assertEquals(json("[\"target\"]"), click.inputSchema().get("required"));
    assertEquals(json("{\"type\":\"object\"}"), tool(extraction, "browser_close").inputSchema());
  }

  @Test
  void readsTableWithToolDescriptionAndParametersColumns() throws Exception {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## 🛠️ Tools

            | Category | Tool | Description | Parameters |
            |----------|------|-------------|------------|
            | **Files** | `read_file` | Read a file | `path`, `offset` |
            | | `write_file` | Write a file | `path` |
            | | Installation | Not a tool | |
            """);

    assertEquals(List.of("read_file", "write_file"), extraction.toolNames());
    assertEquals("Read a file", tool(extraction, "read_file").description());
    assertEquals(
        json("{\"path\":{},\"offset\":{}}"),
        tool(extraction, "read_file").inputSchema().get("properties"));
    assertEquals("🛠️ Tools", extraction.sectionHeading());
  }

  @Test
  void readsHeadingPerToolWithParagraphAndInputsList() throws Exception {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## Tool

            ### sequential_thinking

            Facilitates step-by-step thinking.

            **Inputs:**
            - `thought` (string): The current thinking step
            - `isRevision` (boolean, optional): Whether this revises previous thinking

            ### `search_docs`

            Searches the docs.

            - `query` (string, required): Search terms

            ## Usage

            - `not_a_tool` - in the usage section
            """);

    assertEquals(List.of("sequential_thinking", "search_docs"), extraction.toolNames());
    ToolDefinition thinking = tool(extraction, "sequential_thinking");
    assertEquals("Facilitates step-by-step thinking.", thinking.description());
    assertEquals(json("[\"thought\"]"), thinking.inputSchema().get("required"));
    assertEquals(
        json("[\"query\"]"), tool(extraction, "search_docs").inputSchema().get("required"));
  }

  @Test
  void readsTypeScriptParameterBlockUnderAToolHeading() throws Exception {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## Tools

            ### generate_image
            Generates images.

            Parameters:
            ```typescript
            {
              prompt: string,       // Image description
              image_count?: number  // Number of images (default: 1)
            }
            ```
            """);

    assertEquals(
        json(
            """
            {"type":"object","properties":{
              "prompt":{"type":"string","description":"Image description"},
              "image_count":{"type":"number","description":"Number of images (default: 1)"}},
             "required":["prompt"]}
            """),
        tool(extraction, "generate_image").inputSchema());
  }

  @Test
  void readsToolsUnderGroupSubHeadingsAndSkipsResourcesSubSection() {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## API

            ### Tools

            #### Database Tools

            - `find` - Run a find query

            #### Atlas Tools

            - `atlas-list-clusters` - List clusters

            ### Resources

            - `config` - a resource, not a tool

            ## Configuration
            """);

    assertEquals(List.of("find", "atlas-list-clusters"), extraction.toolNames());
    assertEquals("API", extraction.sectionHeading());
  }

  @Test
  void rejectsEnvironmentVariablesFileNamesUrlsAndProse() {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## Tools

            - `GITHUB_PERSONAL_ACCESS_TOKEN` - your token
            - `claude_desktop_config.json` - the config file
            - `https://example.com/tools` - docs
            - **Installation** - see below
            - **Note**: tools need a token
            - `npx` - runs the server
            - `search_code` - Search code
            """);

    assertEquals(List.of("search_code"), extraction.toolNames());
    assertTrue(
        extraction.notes().stream().anyMatch(note -> note.contains("GITHUB_PERSONAL_ACCESS_TOKEN")),
        extraction.notes().toString());
  }

  @Test
  void ignoresInstallStepsWhenThereIsNoToolsSection() {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            # Server

            ## Installation

            1. `npm install` - install
            2. `build_index` - build the index
            - **create_user** - not under a tools heading

            ## Environment Variables

            - `API_KEY` - the key
            """);

    assertEquals(List.of(), extraction.tools());
    assertEquals("", extraction.sectionHeading());
    assertEquals(0.0, extraction.confidence());
    assertTrue(extraction.notes().get(0).startsWith("no tools section"), extraction.notes().get(0));
  }

  @Test
  void fallsBackToSnakeCaseCodeSpansInFeaturesWhenThereIsNoToolsSection() {
    ReadmeExtraction extraction =
        ReadmeToolExtractor.extractFromMarkdown(
            """
            ## Features

            - [x] Unified API
              - Get resources with `kubectl_get`
              - Masks `kubectl get secrets` output and reads `KUBECONFIG`
              - Verify connection with `ping`

            ## Usage

            - `not_a_feature`
            """);

    assertEquals(List.of("kubectl_get"), extraction.toolNames());
    assertEquals("Get resources with kubectl_get", extraction.tools().get(0).description());
    assertEquals(ReadmeToolExtractor.MENTION_CONFIDENCE, extraction.confidence());
    assertEquals("Features", extraction.sectionHeading());
  }

  @Test
  void doesNotTreatToolAnnotationsOrUsageHeadingsAsToolsSections() {
    assertTrue(ToolNames.isToolsHeading("🛠️ Supported Tools"));
    assertTrue(ToolNames.isToolsHeading("Tools available"));
    assertTrue(ToolNames.isToolsHeading("Commands"));
    assertTrue(!ToolNames.isToolsHeading("Tool Usage Examples"));
    assertTrue(!ToolNames.isToolsHeading("Installation"));
    assertTrue(!ToolNames.isToolsHeading("Tools, Resources, Prompts, and Other Features"));
  }

  @Test
  void confidenceIsBelowALiveToolsListAndRisesWithDescriptionsAndParameters() {
    ReadmeExtraction bare =
        ReadmeToolExtractor.extractFromMarkdown("## Tools\n\n- `alpha_tool`\n- `beta_tool`\n");
    ReadmeExtraction described =
        ReadmeToolExtractor.extractFromMarkdown(
            "## Tools\n\n- `alpha_tool` - does a\n  - Inputs:\n    - `x` (string): x\n");

    assertEquals(ReadmeToolExtractor.BASE_CONFIDENCE, bare.confidence(), 1e-9);
    assertEquals(ReadmeToolExtractor.MAX_CONFIDENCE, described.confidence(), 1e-9);
    assertTrue(described.confidence() < ReadmeToolExtractor.LIVE_CONFIDENCE);
  }

  @Test
  void cutsInputOverTheSizeCapAndSaysSo() {
    String head = "## Tools\n\n- `first_tool` - kept\n\n";
    String filler = "x".repeat(ReadmeToolExtractor.MAX_INPUT_CHARS);
    String tail = "\n\n- `late_tool` - beyond the cap\n";

    ReadmeExtraction extraction = ReadmeToolExtractor.extractFromMarkdown(head + filler + tail);

    assertEquals(List.of("first_tool"), extraction.toolNames());
    assertTrue(
        extraction.notes().stream().anyMatch(note -> note.startsWith("input cut at 524288")));
    assertEquals(ReadmeToolExtractor.CUT_FACTOR * 0.7, extraction.confidence(), 1e-9);
  }

  @Test
  void keepsAtMostMaxToolsAndSaysSo() {
    StringBuilder markdown = new StringBuilder("## Tools\n\n| Tool | Description |\n|---|---|\n");
    for (int i = 0; i < ReadmeToolExtractor.MAX_TOOLS + 100; i++) {
      markdown.append("| `tool_").append(i).append("` | number ").append(i).append(" |\n");
    }

    ReadmeExtraction extraction = ReadmeToolExtractor.extractFromMarkdown(markdown.toString());

    assertEquals(ReadmeToolExtractor.MAX_TOOLS, extraction.tools().size());
    assertTrue(
        extraction.notes().contains("tool list cut at 500 tools"), extraction.notes().toString());
  }

  @Test
  void survivesTenThousandNestedListsOnOneLine() {
    String markdown =
        "## Tools\n\n" + "- ".repeat(10_000) + "`deep_tool` - deep\n\n- `flat_tool` - flat\n";

    ReadmeExtraction extraction =
        assertTimeoutPreemptively(
            HOSTILE_INPUT_BUDGET, () -> ReadmeToolExtractor.extractFromMarkdown(markdown));

    assertTrue(extraction.toolNames().contains("flat_tool"), extraction.toolNames().toString());
    assertTrue(
        extraction.notes().stream()
            .anyMatch(note -> note.startsWith("nesting flattened on 1 lines")),
        extraction.notes().toString());
  }

  @Test
  void survivesTenThousandListsNestedByIndentation() {
    StringBuilder markdown = new StringBuilder("## Tools\n\n");
    for (int i = 0; i < 10_000 && markdown.length() < ReadmeToolExtractor.MAX_INPUT_CHARS; i++) {
      markdown.append("  ".repeat(i)).append("- `tool_").append(i).append("`\n");
    }

    ReadmeExtraction extraction =
        assertTimeoutPreemptively(
            HOSTILE_INPUT_BUDGET,
            () -> ReadmeToolExtractor.extractFromMarkdown(markdown.toString()));

    assertTrue(extraction.toolNames().contains("tool_0"), extraction.toolNames().toString());
  }

  @Test
  void survivesAHugeTableWithManyColumns() {
    StringBuilder markdown = new StringBuilder("## Tools\n\n| Tool | Description |");
    markdown.append(" x |".repeat(200)).append("\n|---|---|").append("---|".repeat(200));
    for (int row = 0; markdown.length() < HUGE_TABLE_CHARS; row++) {
      markdown.append("\n| `tool_").append(row).append("` | d |").append(" y |".repeat(200));
    }

    ReadmeExtraction extraction =
        assertTimeoutPreemptively(
            HOSTILE_INPUT_BUDGET,
            () -> ReadmeToolExtractor.extractFromMarkdown(markdown.toString()));

    assertEquals("tool_0", extraction.toolNames().get(0));
    assertTrue(extraction.tools().size() > 100, extraction.tools().size() + " tools");
  }

  @Test
  void survivesTenThousandNestedListsAndQuotesInHtml() {
    String html =
        "<h2>Tools</h2><ul><li><code>top_tool</code> - top</li></ul>"
            + "<blockquote>".repeat(5_000)
            + "<ul><li>".repeat(10_000)
            + "<code>deep_tool</code>";

    ReadmeExtraction extraction =
        assertTimeoutPreemptively(
            HOSTILE_INPUT_BUDGET, () -> ReadmeToolExtractor.extractFromHtml(html));

    assertEquals(List.of("top_tool"), extraction.toolNames());
  }

  @Test
  void readsReadmeHtmlAsGitHubRendersIt() {
    String html =
        """
        <article class="markdown-body entry-content container-lg" itemprop="text">
        <div class="markdown-heading" dir="auto"><h2 tabindex="-1" class="heading-element">Tools</h2>
        <a id="user-content-tools" class="anchor" aria-label="Permalink: Tools" href="#tools"></a></div>
        <ol dir="auto">
        <li><code>search_repositories</code>
        <ul dir="auto">
        <li>Search for GitHub repositories</li>
        <li>Inputs:
        <ul dir="auto">
        <li><code>query</code> (string): Search query</li>
        <li><code>page</code> (optional number): Page number</li>
        </ul></li>
        </ul></li>
        </ol>
        <div class="markdown-heading" dir="auto"><h2 tabindex="-1" class="heading-element">Setup</h2></div>
        <ul dir="auto"><li><code>setup_tool</code> - not a tool</li></ul>
        </article>
        """;

    ReadmeExtraction extraction = ReadmeToolExtractor.extractFromHtml(html);

    assertEquals(List.of("search_repositories"), extraction.toolNames());
    ToolDefinition tool = extraction.tools().get(0);
    assertEquals("Search for GitHub repositories", tool.description());
    assertEquals("[\"query\"]", tool.inputSchema().get("required").toString());
  }
}
