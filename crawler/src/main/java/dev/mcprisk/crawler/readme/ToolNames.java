package dev.mcprisk.crawler.readme;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which words in a README are tool names and which headings open or close a tools section.
 *
 * <p>A tool name is an identifier as MCP servers write them (letters, digits, {@code _ - . :}; the
 * MCP schema allows up to 128 characters of {@code [A-Za-z0-9_.-]}, 2025-11-25 "Tool names"). A
 * name in bold must also look like code (an underscore, hyphen, dot, colon, an inner capital or all
 * lower case), so bold prose ("Installation", "Note") is not a tool. Environment variables ({@code
 * GITHUB_TOKEN}), file names ({@code config.json}), URLs, paths and shell commands are rejected.
 *
 * <p>Thread-safe: stateless.
 */
final class ToolNames {

  /** Longest tool name read from a README: 128 characters (MCP schema, "Tool names"). */
  static final int MAX_NAME_CHARS = 128;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:\\-]*");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
  private static final Pattern CODE_LIKE =
      Pattern.compile("[a-z0-9]+|.*[_.:\\-].*|[a-z]+[A-Z][A-Za-z0-9]*");
  private static final Pattern FILE_NAME =
      Pattern.compile(
          "(?i).+\\.(?:json|jsonc|md|txt|js|mjs|cjs|ts|tsx|py|sh|yaml|yml|toml|ini|env|lock|html"
              + "|css|xml|csv|exe|dmg|zip|gz|tgz|png|jpg|svg|pdf|xlsx|xls|xlsm|docx|dxt|mcpb)");

  /** Words that appear in code spans at the start of list items without being tools. */
  private static final Set<String> NOT_TOOLS =
      Set.of(
          "npx",
          "npm",
          "node",
          "docker",
          "uvx",
          "uv",
          "pip",
          "python",
          "bun",
          "deno",
          "pnpm",
          "yarn",
          "true",
          "false",
          "null",
          "undefined",
          "string",
          "number",
          "integer",
          "boolean",
          "object",
          "array",
          "json",
          "stdio",
          "sse",
          "http",
          "https",
          "localhost",
          "none",
          "optional",
          "required",
          "default");

  private static final Pattern TOOLS_HEADING =
      Pattern.compile(
          "(?:(?:available|supported|provided|exposed|included|implemented|core|mcp|server"
              + "|the|list of|built in|all)\\s+)*"
              + "(?:tools?|api|commands|tool list|tools list|list of tools|tools and resources"
              + "|tools resources)"
              + "(?:\\s+(?:available|list|reference|provided|exposed|overview|included))?");

  private static final Pattern FEATURES_HEADING =
      Pattern.compile("(?:key |main |core )?(?:features|capabilities)");

  private static final Pattern OFF_TOPIC_HEADING =
      Pattern.compile(
          "(?:.*\\s)?(?:resources?|prompts?|configuration|config|installation|install|setup"
              + "|usage|environment|examples?|license|build|building|development|troubleshooting"
              + "|contributing|security|debugging|testing|requirements|prerequisites|docker"
              + "|deployment)(?:\\s.*)?");

  private ToolNames() {}

  /** Whether {@code text}, read from a code span, is a plausible tool name. */
  static boolean isCodeName(String text) {
    return isIdentifier(text);
  }

  /** Whether {@code text}, read from bold text or a heading, is a plausible tool name. */
  static boolean isBoldName(String text) {
    return isIdentifier(text) && CODE_LIKE.matcher(text).matches();
  }

  private static boolean isIdentifier(String text) {
    return !text.isEmpty()
        && text.length() <= MAX_NAME_CHARS
        && IDENTIFIER.matcher(text).matches()
        && !ENV_VAR.matcher(text).matches()
        && !FILE_NAME.matcher(text).matches()
        && !text.endsWith(".")
        && !text.endsWith(":")
        && !text.startsWith("-")
        && !NOT_TOOLS.contains(text.toLowerCase(Locale.ROOT));
  }

  /** Whether a heading's text names a tools section ("Tools", "Available Tools", "🛠️ API"). */
  static boolean isToolsHeading(String headingText) {
    return TOOLS_HEADING.matcher(normalize(headingText)).matches();
  }

  /** Whether a heading's text names a features section ("Features", "Key Features"). */
  static boolean isFeaturesHeading(String headingText) {
    return FEATURES_HEADING.matcher(normalize(headingText)).matches();
  }

  /** Whether a heading inside a tools section opens a part about something else (resources). */
  static boolean isOffTopicHeading(String headingText) {
    return OFF_TOPIC_HEADING.matcher(normalize(headingText)).matches();
  }

  /** Lower case, runs of anything but letters turned into one space, trimmed. */
  static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]+", " ").strip();
  }
}
