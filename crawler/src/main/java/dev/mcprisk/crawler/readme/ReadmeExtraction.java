package dev.mcprisk.crawler.readme;

import dev.mcprisk.model.ToolDefinition;
import java.util.List;
import java.util.Objects;

/**
 * The tools a README documents, as read by {@link ReadmeToolExtractor}. These are tool definitions
 * of origin {@value ReadmeToolExtractor#ORIGIN}: a README may be out of date, incomplete or name
 * tools differently from the server, so they are less certain than a live {@code tools/list}.
 *
 * @param tools the tools in README order, names unique (first mention kept), at most {@link
 *     ReadmeToolExtractor#MAX_TOOLS}; each has {@code name}, {@code description} (possibly empty)
 *     and {@code inputSchema} ({@code {"type":"object"}} plus {@code properties} and {@code
 *     required} when parameters are listed); never null, empty when none were found
 * @param sectionHeading text of the first heading whose section the tools came from, or the empty
 *     string when no tools section was found; never null
 * @param confidence how far the tools can be trusted, 0.0 (nothing found) to {@link
 *     ReadmeToolExtractor#MAX_CONFIDENCE}; a live {@code tools/list} counts as {@link
 *     ReadmeToolExtractor#LIVE_CONFIDENCE}
 * @param notes what the extractor cut, skipped or rejected, one sentence each; never null
 */
public record ReadmeExtraction(
    List<ToolDefinition> tools, String sectionHeading, double confidence, List<String> notes) {

  public ReadmeExtraction {
    Objects.requireNonNull(tools, "tools == null");
    Objects.requireNonNull(sectionHeading, "sectionHeading == null");
    Objects.requireNonNull(notes, "notes == null");
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence " + confidence + " is not within 0..1");
    }
    tools = List.copyOf(tools);
    notes = List.copyOf(notes);
  }

  /** The tool names in README order. */
  public List<String> toolNames() {
    return tools.stream().map(ToolDefinition::name).toList();
  }
}
