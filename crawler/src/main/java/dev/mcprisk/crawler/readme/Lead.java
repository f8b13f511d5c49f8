package dev.mcprisk.crawler.readme;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The opening of a list item or paragraph, nested lists left out: its text and the code span or
 * bold element it starts with, if any.
 *
 * @param text the text, whitespace collapsed, a leading task-list box removed; never null
 * @param nameElement the code span or bold element the text starts with, or null
 * @param isCode whether {@code nameElement} is a code span
 */
record Lead(String text, Element nameElement, boolean isCode) {

  /** A GFM task-list box, which CommonMark without the extension leaves as text. */
  private static final Pattern TASK_BOX = Pattern.compile("^\\[[ xX]\\]\\s*");

  Lead {
    Objects.requireNonNull(text, "text == null");
  }

  static Lead of(Element holder) {
    StringBuilder text = new StringBuilder();
    for (Node child : holder.childNodes()) {
      if (child instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("ul") || tag.equals("ol")) {
          continue;
        }
        if (element.isBlock() && !text.isEmpty()) {
          text.append(' ');
        }
        text.append(element.text());
      } else if (child instanceof TextNode textNode) {
        text.append(textNode.text());
      }
    }
    Element start = startElement(holder, 0);
    boolean code = start != null && start.normalName().equals("code");
    String clean = TASK_BOX.matcher(text.toString().strip()).replaceFirst("");
    return new Lead(clean.replaceAll("\\s+", " "), start, code);
  }

  /** The code span or bold element the holder's text starts with, else null. */
  private static Element startElement(Element holder, int depth) {
    for (Node child : holder.childNodes()) {
      if (child instanceof TextNode textNode) {
        if (textNode.isBlank()) {
          continue;
        }
        return null;
      }
      if (!(child instanceof Element element)) {
        continue;
      }
      switch (element.normalName()) {
        case "code":
          return element;
        case "strong", "b":
          Element code = element.selectFirst("code");
          return code != null && code.text().equals(element.text()) ? code : element;
        case "p", "a", "span":
          return depth < 3 ? startElement(element, depth + 1) : null;
        case "input":
          continue;
        default:
          return null;
      }
    }
    return null;
  }

  String name() {
    return nameElement == null ? "" : nameElement.text().strip();
  }

  boolean isCodeName() {
    return isCode && ToolNames.isCodeName(name());
  }

  /** The lead's text after the name, or empty. */
  String textAfterName() {
    String name = name();
    int at = text.indexOf(name);
    return at < 0 || name.isEmpty() ? "" : text.substring(at + name.length()).strip();
  }
}
