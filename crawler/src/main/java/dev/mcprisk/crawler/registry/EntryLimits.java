package dev.mcprisk.crawler.registry;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bounds a registry entry must keep before anything of it is stored, from the MCP Registry's
 * server.json schema ({@code
 * https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json}, definition {@code
 * ServerDetail}) and its API's official {@code _meta} block
 * (https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/api/openapi.yaml:
 * {@code status} is {@code active|deprecated|deleted}).
 *
 * <p>What breaks a limit the schema sets on identity (the name, the version, the status, a package
 * identifier, a remote URL) rejects the entry with a reason; the rest of its page or file goes on.
 * Display texts are trimmed instead: the schema caps {@code description} at 100 chars, but the
 * registry serves longer ones (103 of the 471 entries of its 2025-05-16 seed, the longest 324
 * chars), so a description is kept up to {@link #MAX_DESCRIPTION_CHARS} and only a longer one is
 * cut, marked {@link #TRIMMED_MARK}. Thread-safe: stateless.
 */
public final class EntryLimits {
  /** Shortest server name: 3 chars (server.schema.json {@code name.minLength}). */
  public static final int MIN_NAME_CHARS = 3;

  /** Longest server name: 200 chars (server.schema.json {@code name.maxLength}). */
  public static final int MAX_NAME_CHARS = 200;

  /**
   * A server name: reverse-DNS namespace, one slash, server name (server.schema.json {@code
   * name.pattern}).
   */
  public static final Pattern NAME_PATTERN = Pattern.compile("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$");

  /** Longest server version: 255 chars (server.schema.json {@code version.maxLength}). */
  public static final int MAX_VERSION_CHARS = 255;

  /** The official statuses (the registry API's {@code _meta} {@code status} enum). */
  public static final Set<String> STATUSES = Set.of("active", "deprecated", "deleted");

  /**
   * Longest package identifier or package version: 255 chars. The schema sets none; npm names are
   * at most 214 chars and PyPI names far shorter, and the store keeps 512 and 256.
   */
  public static final int MAX_PACKAGE_FIELD_CHARS = 255;

  /** Longest remote URL: 2,048 chars (the schema sets none; the store's URL columns hold 2,048). */
  public static final int MAX_URL_CHARS = 2_048;

  /**
   * Longest description kept whole: 2,000 chars, six times the longest real one (the schema's 100
   * is not what the registry serves).
   */
  public static final int MAX_DESCRIPTION_CHARS = 2_000;

  /** Longest title kept whole: 200 chars (server.schema.json says 100; trimmed, not rejected). */
  public static final int MAX_TITLE_CHARS = 200;

  /** What ends a trimmed text: an ellipsis and the note. */
  public static final String TRIMMED_MARK = "… [trimmed]";

  /** Chars of an offending value quoted in a reason. */
  static final int QUOTED_CHARS = 60;

  private EntryLimits() {}

  /**
   * Checks the identity fields of one entry.
   *
   * @param name the name, stripped, non-blank
   * @param version the version; may be null
   * @param status the official status; may be null (then {@code active})
   * @throws IllegalArgumentException with the reason, for a person, when one is out of bounds
   */
  static void checkIdentity(String name, String version, String status) {
    if (name.length() > MAX_NAME_CHARS || name.length() < MIN_NAME_CHARS) {
      throw new IllegalArgumentException(
          "name "
              + quote(name)
              + " is "
              + name.length()
              + " chars, not "
              + MIN_NAME_CHARS
              + ".."
              + MAX_NAME_CHARS
              + " (server.schema.json)");
    }
    if (!NAME_PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name " + quote(name) + " is not namespace/name (" + NAME_PATTERN.pattern() + ")");
    }
    if (version != null && version.length() > MAX_VERSION_CHARS) {
      throw new IllegalArgumentException(
          name + ": version is " + version.length() + " chars, over " + MAX_VERSION_CHARS);
    }
    if (status != null && !STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          name
              + ": status "
              + quote(status)
              + (status.length() > QUOTED_CHARS ? " (" + status.length() + " chars)" : "")
              + " is not one of active, deprecated, deleted");
    }
  }

  /**
   * Checks a field of a package or remote of the entry {@code name}.
   *
   * @throws IllegalArgumentException when {@code value} is over {@code max} chars
   */
  static void checkLength(String name, String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(
          name + ": " + field + " is " + value.length() + " chars, over " + max);
    }
  }

  /**
   * {@code text} whole when it has at most {@code max} chars, else its first chars (a surrogate
   * pair never split) followed by {@link #TRIMMED_MARK}, {@code max} chars in all.
   */
  static String trim(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - TRIMMED_MARK.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + TRIMMED_MARK;
  }

  /** True when {@link #trim} would cut {@code text}. */
  static boolean overLimit(String text, int max) {
    return text != null && text.length() > max;
  }

  /** {@code value} quoted for a reason: at most {@link #QUOTED_CHARS} chars, controls as '?'. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(value.length(), QUOTED_CHARS);
    if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
    }
    out.append(value.length() > QUOTED_CHARS ? "…'" : "'");
    return out.toString();
  }
}
