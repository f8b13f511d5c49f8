package dev.mcprisk.crawler.readme;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders README Markdown (CommonMark plus GFM tables, commonmark-java) to HTML, after flattening
 * nesting deep enough to overflow the renderer's recursion.
 *
 * <p>commonmark-java 0.24 has no nesting limit and renders recursively: 10,000 nested list items
 * overflow the stack. Real READMEs nest a few levels, so each line keeps at most {@link
 * ReadmeToolExtractor#MAX_LINE_CONTAINERS} leading container markers ({@code >}, {@code -}, {@code
 * *}, {@code +}, {@code 1.}) and at most {@link ReadmeToolExtractor#MAX_INDENT_COLUMNS} columns of
 * indentation; anything deeper is flattened onto that level.
 *
 * <p>Thread-safe: the parser and renderer are immutable and shared.
 */
final class MarkdownToHtml {

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().extensions(EXTENSIONS).build();

  /** One container marker at the start of what is left of a line (CommonMark 0.31, 5.1-5.3). */
  private static final Pattern CONTAINER =
      Pattern.compile("[ \\t]*(?:>|[-*+](?=[ \\t])|\\d{1,9}[.)](?=[ \\t]))");

  private static final int TAB_COLUMNS = 4;

  private MarkdownToHtml() {}

  /**
   * Renders {@code markdown}.
   *
   * @throws StackOverflowError only if nesting the flattening does not catch still overflows (the
   *     caller treats it as unreadable input)
   */
  static RenderedMarkdown render(String markdown) {
    int flattened = 0;
    StringBuilder bounded = new StringBuilder(markdown.length());
    for (String line : markdown.split("\n", -1)) {
      String kept = bound(line);
      if (!kept.equals(line)) {
        flattened++;
      }
      bounded.append(kept).append('\n');
    }
    Node document = PARSER.parse(bounded.toString());
    return new RenderedMarkdown(RENDERER.render(document), flattened);
  }

  /** The line with its indentation and its leading container markers capped. */
  static String bound(String line) {
    String capped = capIndent(line);
    Matcher matcher = CONTAINER.matcher(capped);
    int markers = 0;
    int keptEnd = 0;
    int end = 0;
    while (end < capped.length() && matcher.region(end, capped.length()).lookingAt()) {
      markers++;
      end = matcher.end();
      if (markers == ReadmeToolExtractor.MAX_LINE_CONTAINERS) {
        keptEnd = end;
      }
    }
    if (markers <= ReadmeToolExtractor.MAX_LINE_CONTAINERS) {
      return capped;
    }
    return capped.substring(0, keptEnd) + capped.substring(end);
  }

  private static String capIndent(String line) {
    int columns = 0;
    int index = 0;
    while (index < line.length() && (line.charAt(index) == ' ' || line.charAt(index) == '\t')) {
      columns += line.charAt(index) == '\t' ? TAB_COLUMNS : 1;
      index++;
    }
    if (columns <= ReadmeToolExtractor.MAX_INDENT_COLUMNS) {
      return line;
    }
    return " ".repeat(ReadmeToolExtractor.MAX_INDENT_COLUMNS) + line.substring(index);
  }
}
