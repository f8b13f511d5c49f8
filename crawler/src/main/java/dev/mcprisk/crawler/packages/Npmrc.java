package dev.mcprisk.crawler.packages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses one {@code .npmrc} file: npm's ini dialect (the <a
 * href="https://github.com/npm/ini">ini</a> package as npm uses it, and <a
 * href="https://docs.npmjs.com/cli/configuring-npm/npmrc">npmrc</a>): {@code key=value} lines,
 * {@code ;} and {@code #} comments (also after an unquoted value), quoted values, a key alone
 * meaning {@code true}, keys under a {@code [section]} prefixed with {@code section.} (npm reads
 * none of them), {@code key[]=} array lines skipped, and {@code ${VAR}} in keys and values replaced
 * from the environment ({@code ${VAR?}} becomes empty when unset; {@code \${VAR}} stays literal).
 * An entry whose variable is unset is dropped with a note, as npm refuses it.
 *
 * <p>Values of credential keys ({@code _auth}, {@code _authToken}, {@code _password}, ...) are kept
 * in the map (npm needs them, we do not) but never appear in a note.
 *
 * <p>Thread-safe: stateless.
 */
final class Npmrc {

  private Npmrc() {}

  /**
   * The entries of one file, in file order; a later duplicate key wins.
   *
   * @param text file content
   * @param environment variables for {@code ${VAR}}
   * @param origin the file's path, for notes
   * @param notes receives one line per skipped entry; never holds a credential value
   */
  static Map<String, String> parse(
      String text, Map<String, String> environment, String origin, List<String> notes) {
    Objects.requireNonNull(text, "text == null");
    Map<String, String> out = new LinkedHashMap<>();
    String section = "";
    int lineNumber = 0;
    for (String raw : text.split("\r\n|\r|\n", -1)) {
      lineNumber++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip() + ".";
        continue;
      }
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      String value = eq < 0 ? "true" : unquote(line.substring(eq + 1).strip());
      if (key.isEmpty() || key.endsWith("[]")) {
        continue;
      }
      String where = origin + ":" + lineNumber;
      String expandedKey = expand(key, environment);
      if (expandedKey == null) {
        notes.add(where + ": skipped, the key uses an unset environment variable");
        continue;
      }
      String expandedValue = expand(value, environment);
      if (expandedValue == null) {
        notes.add(
            where
                + ": skipped "
                + (isCredential(expandedKey) ? "a credential" : Texts.quote(expandedKey, 120))
                + ", its value uses an unset environment variable");
        continue;
      }
      out.put(section + expandedKey, expandedValue);
    }
    return out;
  }

  /** True for keys whose values are credentials, never to be shown. */
  static boolean isCredential(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("_auth")
        || k.contains("password")
        || k.contains("token")
        || k.endsWith("keyfile")
        || k.endsWith(":key")
        || k.equals("key");
  }

  /** A quoted value unquoted; an unquoted one cut at an unescaped comment, escapes removed. */
  private static String unquote(String value) {
    if (value.length() >= 2
        && ((value.startsWith("\"") && value.endsWith("\""))
            || (value.startsWith("'") && value.endsWith("'")))) {
      return value.substring(1, value.length() - 1);
    }
    StringBuilder out = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (escaped) {
        out.append(c == ';' || c == '#' || c == '\\' ? "" : "\\").append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ';' || c == '#') {
        break;
      } else {
        out.append(c);
      }
    }
    if (escaped) {
      out.append('\\');
    }
    return out.toString().strip();
  }

  /** {@code ${VAR}} replaced; null when a required variable is unset. */
  private static String expand(String text, Map<String, String> environment) {
    if (!text.contains("${")) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("${", i);
      if (open < 0) {
        out.append(text, i, text.length());
        break;
      }
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        out.append(text, i, text.length());
        break;
      }
      if (open > 0 && text.charAt(open - 1) == '\\') {
        out.append(text, i, open - 1).append(text, open, close + 1);
        i = close + 1;
        continue;
      }
      out.append(text, i, open);
      String name = text.substring(open + 2, close);
      boolean optional = name.endsWith("?");
      if (optional) {
        name = name.substring(0, name.length() - 1);
      }
      String value = environment.get(name);
      if (value == null && !optional) {
        return null;
      }
      out.append(value == null ? "" : value);
      i = close + 1;
    }
    return out.toString();
  }
}
