package dev.mcprisk.crawler.readme;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parameter as READMEs list them: {@code `path` (string, optional): File to read}, {@code `sha`
 * (optional string): ...}, {@code `libraryName` (required): ...} or a TypeScript member {@code
 * model?: string, // Model ID}.
 *
 * @param name the parameter name; non-empty
 * @param type a JSON Schema type ({@code string}, {@code number}, {@code integer}, {@code boolean},
 *     {@code array}, {@code object}) or empty when not stated
 * @param description the text after the name and type; possibly empty
 * @param required true when the line says "required", or states a type without "optional", or the
 *     list is headed "Required inputs"
 */
record ParameterText(String name, String type, String description, boolean required) {

  private static final Pattern PARENTHESIS =
      Pattern.compile("\\s*\\(([^)]{0,200})\\)\\s*[:\\-\u2013\u2014]?\\s*(.*)", Pattern.DOTALL);
  private static final Pattern SEPARATOR =
      Pattern.compile("\\s*[:\\-\u2013\u2014]\\s*(.*)", Pattern.DOTALL);
  private static final Pattern TYPE_SCRIPT_MEMBER =
      Pattern.compile(
          "\\s*([A-Za-z_$][\\w$]*)(\\?)?\\s*:\\s*([A-Za-z][\\w\\[\\]<>| ]*?)\\s*[,;]?\\s*"
              + "(?://\\s*(.*))?");

  ParameterText {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(description, "description == null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("parameter name is empty");
    }
  }

  /** Whether a list's lead text marks it as required or optional inputs. */
  enum Presence {
    REQUIRED,
    OPTIONAL,
    AS_STATED
  }

  /**
   * Reads the text that follows a parameter's code span.
   *
   * @param name the code span's text
   * @param after the text after it in the same list item or paragraph
   * @param presence what the enclosing label ("Required inputs:", "Optional inputs:") says
   */
  static ParameterText afterName(String name, String after, Presence presence) {
    Matcher parenthesis = PARENTHESIS.matcher(after);
    if (parenthesis.matches()) {
      String inside = parenthesis.group(1).toLowerCase(Locale.ROOT);
      boolean optional = inside.contains("optional");
      boolean required =
          switch (presence) {
            case REQUIRED -> true;
            case OPTIONAL -> false;
            case AS_STATED -> !optional;
          };
      return new ParameterText(name, typeIn(inside), parenthesis.group(2).strip(), required);
    }
    Matcher separator = SEPARATOR.matcher(after);
    String description = separator.matches() ? separator.group(1).strip() : after.strip();
    return new ParameterText(name, "", description, presence == Presence.REQUIRED);
  }

  /** Reads one TypeScript member line ({@code prompt: string, // Image description}), or null. */
  static ParameterText typeScriptMember(String line) {
    Matcher member = TYPE_SCRIPT_MEMBER.matcher(line);
    if (!member.matches()) {
      return null;
    }
    String description = member.group(4) == null ? "" : member.group(4).strip();
    return new ParameterText(
        member.group(1),
        typeIn(member.group(3).toLowerCase(Locale.ROOT)),
        description,
        member.group(2) == null);
  }

  /** The first JSON Schema type named in a README's type text, or empty. */
  static String typeIn(String text) {
    for (String token : text.split("[\\s,/|]+")) {
      String type = typeOf(token);
      if (!type.isEmpty()) {
        return type;
      }
    }
    return "";
  }

  private static String typeOf(String token) {
    if (token.endsWith("[]") || token.startsWith("array")) {
      return "array";
    }
    return switch (token) {
      case "string", "str", "text" -> "string";
      case "number", "float", "double" -> "number";
      case "integer", "int" -> "integer";
      case "boolean", "bool" -> "boolean";
      case "object", "map", "record" -> "object";
      case "list" -> "array";
      default -> "";
    };
  }
}
