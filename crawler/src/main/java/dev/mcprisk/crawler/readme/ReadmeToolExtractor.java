package dev.mcprisk.crawler.readme;

import dev.mcprisk.model.Origins;
import dev.mcprisk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads the tools a server documents in its README: renders Markdown (CommonMark with GFM tables,
 * commonmark-java) to HTML, or takes HTML as GitHub or npm render it, then finds with Jsoup the
 * sections headed like "Tools", "Available Tools", "🛠️ Supported Tools", "API" or "Commands" and
 * reads the tools listed there (see {@link SectionReader} for the layouts).
 *
 * <p>The result is data, never an exception: input that is too large is cut at {@link
 * #MAX_INPUT_CHARS} and noted, nesting too deep to render is flattened (or, failing that, yields no
 * tools and a note).
 *
 * <h2>Confidence</h2>
 *
 * A live {@code tools/list} answer counts as {@link #LIVE_CONFIDENCE} (1.0). README tools start at
 * {@link #BASE_CONFIDENCE} (0.5), gain up to {@link #DESCRIPTION_WEIGHT} (0.2) by the share of
 * tools with a description and up to {@link #PARAMETER_WEIGHT} (0.1) by the share with listed
 * parameters, so never exceed {@link #MAX_CONFIDENCE} (0.8); cut input or a cut tool list
 * multiplies it by {@link #CUT_FACTOR} (0.75). Names only mentioned in a "Features" section (the
 * fallback when there is no tools section) get {@link #MENTION_CONFIDENCE} (0.3). No tools found is
 * 0.0. On the READMEs of 20 real servers, names read this way had a micro-averaged precision of
 * 0.68 and recall of 0.70 against the servers' live tool lists, most misses being READMEs that name
 * tools differently from the server ({@code ReadmeExtractionEvaluationTest}).
 *
 * <p>Thread-safe: stateless; each call builds its own document.
 */
public final class ReadmeToolExtractor {

  /** The {@code origin} of tool definitions read from a README. */
  public static final String ORIGIN = Origins.README;

  /** Longest input read: 512 Ki characters (512 KiB of ASCII); the rest is cut and noted. */
  public static final int MAX_INPUT_CHARS = 512 * 1024;

  /** Most tools read from one README: 500; more are dropped and noted. */
  public static final int MAX_TOOLS = 500;

  /** Most container markers ({@code > - * + 1.}) kept at the start of one Markdown line: 16. */
  public static final int MAX_LINE_CONTAINERS = 16;

  /** Most indentation kept on one Markdown line: 64 columns (a tab counts 4). */
  public static final int MAX_INDENT_COLUMNS = 64;

  /** Confidence of a live {@code tools/list} answer, for comparison: 1.0. */
  public static final double LIVE_CONFIDENCE = 1.0;

  /** Confidence of any non-empty README extraction before its bonuses: 0.5. */
  public static final double BASE_CONFIDENCE = 0.5;

  /** Added in proportion to the share of tools with a description: up to 0.2. */
  public static final double DESCRIPTION_WEIGHT = 0.2;

  /** Added in proportion to the share of tools with listed parameters: up to 0.1. */
  public static final double PARAMETER_WEIGHT = 0.1;

  /** Highest confidence of a README extraction: 0.8, below {@link #LIVE_CONFIDENCE}. */
  public static final double MAX_CONFIDENCE =
      BASE_CONFIDENCE + DESCRIPTION_WEIGHT + PARAMETER_WEIGHT;

  /**
   * Confidence of names only mentioned in code spans of a "Features" section, read when a README
   * has no tools section: 0.3.
   */
  public static final double MENTION_CONFIDENCE = 0.3;

  /** Factor applied when the input or the tool list was cut: 0.75. */
  public static final double CUT_FACTOR = 0.75;

  private ReadmeToolExtractor() {}

  /**
   * Reads the tools documented in a Markdown README.
   *
   * @param markdown the README text; never null
   * @return the tools found (possibly none), never null
   * @throws NullPointerException when {@code markdown} is null
   */
  public static ReadmeExtraction extractFromMarkdown(String markdown) {
    Objects.requireNonNull(markdown, "markdown == null");
    List<String> notes = new ArrayList<>();
    String input = cut(markdown, notes);
    RenderedMarkdown rendered;
    try {
      rendered = MarkdownToHtml.render(input);
    } catch (StackOverflowError e) {
      // Flattening bounds list and quote nesting; this only catches nesting it does not know.
      notes.add("the Markdown nests too deeply to render; no tools read");
      return new ReadmeExtraction(List.of(), "", 0.0, notes);
    }
    if (rendered.flattenedLines() > 0) {
      notes.add(
          "nesting flattened on "
              + rendered.flattenedLines()
              + " lines (over "
              + MAX_LINE_CONTAINERS
              + " list or quote levels, or over "
              + MAX_INDENT_COLUMNS
              + " columns of indentation)");
    }
    return extract(Jsoup.parse(rendered.html()), notes, input.length() < markdown.length());
  }

  /**
   * Reads the tools documented in a README page as HTML (as GitHub or npm render it, or the output
   * of any Markdown renderer).
   *
   * @param html the page or fragment; never null
   * @return the tools found (possibly none), never null
   * @throws NullPointerException when {@code html} is null
   */
  public static ReadmeExtraction extractFromHtml(String html) {
    Objects.requireNonNull(html, "html == null");
    List<String> notes = new ArrayList<>();
    String input = cut(html, notes);
    Document document = Jsoup.parse(input);
    // GitHub wraps each heading in <div class="markdown-heading"> with an anchor beside it.
    for (Element wrapper : document.select("div.markdown-heading")) {
      wrapper.unwrap();
    }
    return extract(document, notes, input.length() < html.length());
  }

  private static String cut(String input, List<String> notes) {
    if (input.length() <= MAX_INPUT_CHARS) {
      return input;
    }
    notes.add("input cut at " + MAX_INPUT_CHARS + " of " + input.length() + " characters");
    return input.substring(0, MAX_INPUT_CHARS);
  }

  private static ReadmeExtraction extract(Document document, List<String> notes, boolean cut) {
    SectionReader reader = new SectionReader();
    Set<Element> read = Collections.newSetFromMap(new IdentityHashMap<>());
    List<String> headings = new ArrayList<>();
    for (Element heading : document.select("h1, h2, h3, h4, h5, h6")) {
      if (read.contains(heading) || !ToolNames.isToolsHeading(heading.text())) {
        continue;
      }
      headings.add(heading.text().strip());
      reader.readSection(heading, read);
    }
    boolean mentionsOnly = false;
    if (headings.isEmpty()) {
      notes.add("no tools section (a heading such as Tools, Available Tools, API or Commands)");
      for (Element heading : document.select("h1, h2, h3, h4, h5, h6")) {
        if (ToolNames.isFeaturesHeading(heading.text())) {
          headings.add(heading.text().strip());
          reader.readMentions(heading);
        }
      }
      mentionsOnly = !reader.drafts().isEmpty();
      if (mentionsOnly) {
        notes.add(
            "names taken from code spans in the "
                + headings.get(0)
                + " section, at confidence "
                + MENTION_CONFIDENCE);
      } else {
        headings.clear();
      }
    }
    if (!reader.rejected().isEmpty()) {
      notes.add("not tool names: " + String.join(", ", reader.rejected()));
    }
    if (reader.capped()) {
      notes.add("tool list cut at " + MAX_TOOLS + " tools");
    }
    List<ToolDraft> drafts = reader.drafts();
    if (!headings.isEmpty() && drafts.isEmpty() && !mentionsOnly) {
      notes.add("the tools section names no tools in a list, table or heading");
    }
    List<ToolDefinition> tools = drafts.stream().map(ToolDraft::toDefinition).toList();
    String sectionHeading = headings.isEmpty() ? "" : headings.get(0);
    double confidence =
        mentionsOnly
            ? (cut || reader.capped() ? MENTION_CONFIDENCE * CUT_FACTOR : MENTION_CONFIDENCE)
            : confidence(drafts, cut || reader.capped());
    return new ReadmeExtraction(tools, sectionHeading, confidence, notes);
  }

  /** See the class comment, "Confidence". */
  static double confidence(List<ToolDraft> drafts, boolean cut) {
    if (drafts.isEmpty()) {
      return 0.0;
    }
    double described = drafts.stream().filter(ToolDraft::hasDescription).count();
    double withParameters = drafts.stream().filter(ToolDraft::hasParameters).count();
    double confidence =
        BASE_CONFIDENCE
            + DESCRIPTION_WEIGHT * described / drafts.size()
            + PARAMETER_WEIGHT * withParameters / drafts.size();
    return Math.min(MAX_CONFIDENCE, cut ? confidence * CUT_FACTOR : confidence);
  }
}
