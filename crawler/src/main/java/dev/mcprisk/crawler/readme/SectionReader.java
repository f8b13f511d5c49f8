package dev.mcprisk.crawler.readme;

import dev.mcprisk.crawler.readme.ParameterText.Presence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Reads the tools in the sections of one README document, in the layouts READMEs use:
 *
 * <ul>
 *   <li>lists whose items start with a name in a code span or bold ({@code - `name` - text}), with
 *       nested items for the description, "Title:", "Description:" and an "Inputs:" or
 *       "Parameters:" list of {@code `param` (type, optional): text};
 *   <li>tables with a Tool/Name/Command column and optional Description and Parameters columns;
 *   <li>a heading per tool ({@code ### tool_name}) with a paragraph and an "Inputs:" list or a
 *       TypeScript parameter block.
 * </ul>
 *
 * <p>Sub-headings about something else (Resources, Prompts, Configuration, Examples...) are skipped
 * with their content. Not thread-safe: one extraction owns one reader.
 */
final class SectionReader {

  /** Deepest nesting of lists within a tools section that is searched for tools: 8 levels. */
  static final int MAX_LIST_DEPTH = 8;

  /** Deepest nesting of other elements (details, div, blockquote) searched: 16 levels. */
  static final int MAX_CONTAINER_DEPTH = 16;

  /** Rejected names kept for the notes: 20. */
  static final int MAX_NOTED_REJECTIONS = 20;

  private static final Pattern PARAMETER_LABEL =
      Pattern.compile(
          "(?i)(?:(required|optional)\\s+)?(?:inputs?|parameters?|params|arguments?|args"
              + "|input\\s+schema)\\s*(?:\\([^)]*\\))?\\s*:?\\s*(.*)",
          Pattern.DOTALL);
  private static final Pattern DESCRIPTION_LABEL =
      Pattern.compile("(?i)description\\s*:\\s*(.+)", Pattern.DOTALL);
  private static final Pattern TITLE_LABEL =
      Pattern.compile("(?i)title\\s*:\\s*(.+)", Pattern.DOTALL);
  private static final Pattern OTHER_LABEL = Pattern.compile("[A-Za-z][A-Za-z /()-]{0,30}:.*");
  private static final Pattern LEADING_SEPARATOR = Pattern.compile("^[\\s:\\-\u2013\u2014]+");
  private static final Pattern HEADING_NUMBER = Pattern.compile("^\\d+[.)]\\s*");
  private static final Pattern MENTION = Pattern.compile("[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+");
  private static final Set<String> NAME_HEADERS =
      Set.of("tool", "tools", "tool name", "name", "command", "function", "method", "tool id");

  private final Map<String, ToolDraft> drafts = new LinkedHashMap<>();
  private final Set<String> rejected = new LinkedHashSet<>();
  private boolean capped;
  private ToolDraft headingTool;
  private ToolDraft lastListTool;
  private Presence pendingParameters;
  private int skipLevel;

  /** The tools read so far, in README order. */
  List<ToolDraft> drafts() {
    return new ArrayList<>(drafts.values());
  }

  /** Names that stood where a tool name would but were rejected (env vars, prose, files). */
  Set<String> rejected() {
    return rejected;
  }

  /** Whether {@link ReadmeToolExtractor#MAX_TOOLS} cut the list. */
  boolean capped() {
    return capped;
  }

  /**
   * Reads the section that {@code heading} opens: its following siblings up to the next heading of
   * the same or a higher level.
   *
   * @param sectionHeadings collects every heading passed, so the caller does not read a sub-section
   *     twice
   */
  void readSection(Element heading, Set<Element> sectionHeadings) {
    int level = headingLevel(heading);
    headingTool = null;
    lastListTool = null;
    pendingParameters = null;
    skipLevel = 0;
    for (Element block = heading.nextElementSibling();
        block != null;
        block = block.nextElementSibling()) {
      int blockLevel = headingLevel(block);
      if (blockLevel > 0 && blockLevel <= level) {
        return;
      }
      if (blockLevel > 0) {
        sectionHeadings.add(block);
      }
      readBlock(block, 0);
    }
  }

  /**
   * Reads, from the section {@code heading} opens (a "Features" section when the README has no
   * tools section), the names in code spans anywhere in its list items that look like tool names
   * ({@code snake_case} or {@code kebab-case}, lower case, at least two words), each described by
   * its item's text. Weaker evidence than a tools section.
   */
  void readMentions(Element heading) {
    int level = headingLevel(heading);
    for (Element block = heading.nextElementSibling();
        block != null && !capped;
        block = block.nextElementSibling()) {
      int blockLevel = headingLevel(block);
      if (blockLevel > 0 && blockLevel <= level) {
        return;
      }
      for (Element code : block.select("li code")) {
        String name = code.text().strip();
        if (!MENTION.matcher(name).matches() || !ToolNames.isCodeName(name)) {
          continue;
        }
        ToolDraft draft = draft(name);
        Element item = code.closest("li");
        if (draft != null && item != null) {
          draft.describe(Lead.of(item).text());
        }
      }
    }
  }

  /** The level of an {@code h1}..{@code h6} element, else 0. */
  static int headingLevel(Element element) {
    String tag = element.normalName();
    if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
      return tag.charAt(1) - '0';
    }
    return 0;
  }

  private void readBlock(Element block, int depth) {
    if (depth > MAX_CONTAINER_DEPTH || capped) {
      return;
    }
    int level = headingLevel(block);
    if (level > 0) {
      readSubHeading(block, level);
      return;
    }
    if (skipLevel > 0) {
      return;
    }
    switch (block.normalName()) {
      case "table" -> readTable(block);
      case "ul", "ol" -> readListBlock(block);
      case "p" -> readParagraph(block);
      case "pre" -> readCodeBlock(block);
      case "hr", "summary", "img", "br", "a", "code", "script", "style" -> {}
      default -> {
        for (Element child : block.children()) {
          readBlock(child, depth + 1);
        }
      }
    }
  }

  private void readSubHeading(Element heading, int level) {
    if (skipLevel > 0 && level > skipLevel) {
      return;
    }
    skipLevel = 0;
    headingTool = null;
    lastListTool = null;
    pendingParameters = null;
    String text = heading.text().strip();
    if (ToolNames.isOffTopicHeading(text)) {
      skipLevel = level;
      return;
    }
    String name = HEADING_NUMBER.matcher(text).replaceFirst("");
    if (name.endsWith("()")) {
      name = name.substring(0, name.length() - 2);
    }
    Element code = heading.selectFirst("code");
    boolean inCode = code != null && code.text().strip().equals(name);
    if (inCode ? ToolNames.isCodeName(name) : ToolNames.isBoldName(name)) {
      headingTool = draft(name);
    }
  }

  private void readListBlock(Element list) {
    if (headingTool != null && (pendingParameters != null || isParameterList(list))) {
      Presence presence = pendingParameters == null ? Presence.AS_STATED : pendingParameters;
      readParameterItems(headingTool, list, presence);
      pendingParameters = null;
      return;
    }
    readList(list, 0);
  }

  private void readParagraph(Element paragraph) {
    String text = paragraph.text().strip();
    Lead lead = Lead.of(paragraph);
    if (headingTool != null) {
      Matcher label = PARAMETER_LABEL.matcher(text);
      if (label.matches()) {
        pendingParameters = presence(label.group(1));
        Element inline = paragraph.selectFirst("code");
        if (inline != null && !label.group(2).isBlank()) {
          readInlineParameter(headingTool, paragraph, inline, pendingParameters);
        }
        return;
      }
      if (pendingParameters == null && !OTHER_LABEL.matcher(text).matches()) {
        headingTool.describe(text);
      }
      return;
    }
    if (lead.nameElement() != null) {
      String after = lead.textAfterName();
      if (!after.isEmpty() && LEADING_SEPARATOR.matcher(after).lookingAt()) {
        ToolDraft draft = named(lead);
        if (draft != null) {
          draft.describe(LEADING_SEPARATOR.matcher(after).replaceFirst(""));
        }
      }
    }
  }

  private void readCodeBlock(Element pre) {
    if (headingTool == null || pendingParameters == null) {
      return;
    }
    for (String line : pre.wholeText().split("\n")) {
      ParameterText parameter = ParameterText.typeScriptMember(line);
      if (parameter != null) {
        headingTool.parameter(parameter);
      }
    }
    pendingParameters = null;
  }

  private void readList(Element list, int depth) {
    // A list right after a list, its items without names, holds the details of the last tool:
    // "10. `tool`" needs 4 columns of indentation for nested items, and READMEs often give 3.
    Element previous = list.previousElementSibling();
    boolean continuation =
        depth == 0
            && lastListTool != null
            && previous != null
            && (previous.normalName().equals("ol") || previous.normalName().equals("ul"));
    for (Element item : list.children()) {
      if (capped) {
        return;
      }
      if (!item.normalName().equals("li")) {
        continue;
      }
      if (continuation && Lead.of(item).nameElement() == null) {
        readDetail(lastListTool, item);
      } else {
        continuation = false;
        readItem(item, depth);
      }
    }
  }

  private void readItem(Element item, int depth) {
    Lead lead = Lead.of(item);
    ToolDraft draft = lead.nameElement() == null ? null : named(lead);
    if (draft == null) {
      if (depth < MAX_LIST_DEPTH && !PARAMETER_LABEL.matcher(lead.text()).matches()) {
        for (Element nested : nestedLists(item)) {
          readList(nested, depth + 1);
        }
      }
      return;
    }
    lastListTool = draft;
    String after = LEADING_SEPARATOR.matcher(lead.textAfterName()).replaceFirst("");
    if (!after.isEmpty()) {
      draft.describe(after);
    }
    for (Element nested : nestedLists(item)) {
      for (Element detail : nested.children()) {
        if (detail.normalName().equals("li")) {
          readDetail(draft, detail);
        }
      }
    }
  }

  private void readDetail(ToolDraft draft, Element detail) {
    Lead lead = Lead.of(detail);
    String text = lead.text();
    Matcher label = PARAMETER_LABEL.matcher(text);
    if (label.matches()) {
      Presence presence = presence(label.group(1));
      Element inline = detail.selectFirst("code");
      if (inline != null && !label.group(2).isBlank() && !insideNestedList(inline, detail)) {
        readInlineParameter(draft, detail, inline, presence);
      }
      for (Element nested : nestedLists(detail)) {
        readParameterItems(draft, nested, presence);
      }
      return;
    }
    Matcher description = DESCRIPTION_LABEL.matcher(text);
    if (description.matches()) {
      draft.describeExplicitly(description.group(1));
      return;
    }
    Matcher title = TITLE_LABEL.matcher(text);
    if (title.matches()) {
      draft.title(title.group(1));
      return;
    }
    if (lead.isCodeName() && looksLikeParameter(lead.textAfterName())) {
      draft.parameter(
          ParameterText.afterName(lead.name(), lead.textAfterName(), Presence.AS_STATED));
      return;
    }
    if (!text.isEmpty() && !OTHER_LABEL.matcher(text).matches()) {
      draft.describe(text);
    }
  }

  private void readParameterItems(ToolDraft draft, Element list, Presence presence) {
    for (Element item : list.children()) {
      if (!item.normalName().equals("li")) {
        continue;
      }
      Lead lead = Lead.of(item);
      if (lead.isCodeName()) {
        draft.parameter(ParameterText.afterName(lead.name(), lead.textAfterName(), presence));
      }
    }
  }

  private void readInlineParameter(
      ToolDraft draft, Element holder, Element code, Presence presence) {
    String name = code.text().strip();
    if (!ToolNames.isCodeName(name)) {
      return;
    }
    String text = Lead.of(holder).text();
    int at = text.indexOf(name);
    String after = at < 0 ? "" : text.substring(at + name.length());
    draft.parameter(ParameterText.afterName(name, after, presence));
  }

  private void readTable(Element table) {
    List<Element> rows = table.select("tr");
    if (rows.isEmpty()) {
      return;
    }
    List<String> headers = rows.get(0).children().eachText();
    int nameColumn = -1;
    int descriptionColumn = -1;
    int parameterColumn = -1;
    for (int i = 0; i < headers.size(); i++) {
      String header = ToolNames.normalize(headers.get(i));
      if (nameColumn < 0 && NAME_HEADERS.contains(header)) {
        nameColumn = i;
      } else if (descriptionColumn < 0
          && (header.contains("description") || header.contains("purpose"))) {
        descriptionColumn = i;
      } else if (parameterColumn < 0
          && (header.contains("param")
              || header.contains("input")
              || header.contains("argument"))) {
        parameterColumn = i;
      }
    }
    if (nameColumn < 0) {
      return;
    }
    for (Element row : rows.subList(1, rows.size())) {
      if (capped) {
        return;
      }
      readRow(row.children(), nameColumn, descriptionColumn, parameterColumn);
    }
  }

  private void readRow(
      List<Element> cells, int nameColumn, int descriptionColumn, int parameterColumn) {
    if (nameColumn >= cells.size()) {
      return;
    }
    Element cell = cells.get(nameColumn);
    Element code = cell.selectFirst("code");
    String name = (code != null ? code.text() : cell.text()).strip();
    boolean plausible = code != null ? ToolNames.isCodeName(name) : ToolNames.isBoldName(name);
    if (!plausible) {
      reject(name);
      return;
    }
    ToolDraft draft = draft(name);
    if (draft == null) {
      return;
    }
    if (descriptionColumn >= 0 && descriptionColumn < cells.size()) {
      draft.describe(cells.get(descriptionColumn).text());
    }
    if (parameterColumn >= 0 && parameterColumn < cells.size()) {
      for (Element parameter : cells.get(parameterColumn).select("code")) {
        String parameterName = parameter.text().strip();
        if (ToolNames.isCodeName(parameterName)) {
          draft.parameter(new ParameterText(parameterName, "", "", false));
        }
      }
    }
  }

  private ToolDraft named(Lead lead) {
    String name = lead.name();
    boolean plausible = lead.isCode() ? ToolNames.isCodeName(name) : ToolNames.isBoldName(name);
    if (!plausible) {
      reject(name);
      return null;
    }
    return draft(name);
  }

  private ToolDraft draft(String name) {
    ToolDraft existing = drafts.get(name);
    if (existing != null) {
      return existing;
    }
    if (drafts.size() >= ReadmeToolExtractor.MAX_TOOLS) {
      capped = true;
      return null;
    }
    ToolDraft draft = new ToolDraft(name);
    drafts.put(name, draft);
    return draft;
  }

  private void reject(String name) {
    if (!name.isEmpty() && rejected.size() < MAX_NOTED_REJECTIONS) {
      rejected.add(name.length() > 60 ? name.substring(0, 60) + "..." : name);
    }
  }

  private static boolean isParameterList(Element list) {
    Element first = list.children().first();
    if (first == null) {
      return false;
    }
    Lead lead = Lead.of(first);
    return lead.isCodeName() && looksLikeParameter(lead.textAfterName());
  }

  /** A parameter line goes on with "(type...)"; a tool line with a description. */
  private static boolean looksLikeParameter(String after) {
    return after.stripLeading().startsWith("(");
  }

  private static Presence presence(String word) {
    if (word == null) {
      return Presence.AS_STATED;
    }
    return word.toLowerCase(Locale.ROOT).equals("required") ? Presence.REQUIRED : Presence.OPTIONAL;
  }

  private static List<Element> nestedLists(Element item) {
    List<Element> lists = new ArrayList<>();
    for (Element child : item.children()) {
      if (child.normalName().equals("ul") || child.normalName().equals("ol")) {
        lists.add(child);
      }
    }
    return lists;
  }

  private static boolean insideNestedList(Element element, Element item) {
    for (Element parent = element.parent(); parent != null && parent != item; ) {
      if (parent.normalName().equals("ul") || parent.normalName().equals("ol")) {
        return true;
      }
      parent = parent.parent();
    }
    return false;
  }
}
