package dev.mcprisk.crawler.packages;

import java.util.regex.Pattern;

/**
 * npm package names: validation, scope and the escaped form used in registry URLs.
 *
 * <p>The rule is npm's (<a href="https://github.com/npm/validate-npm-package-name">
 * validate-npm-package-name</a>): at most {@value #MAX_LENGTH} characters, URL-safe, optionally
 * {@code @scope/}; upper-case letters are accepted because old packages (e.g. {@code JSONStream})
 * still carry them. A name that passes can be put into a URL path and a folder name as it is,
 * except for the one {@code /} of a scoped name.
 *
 * <p>Thread-safe: stateless.
 */
public final class NpmNames {

  /** Longest npm package name: 214 characters. */
  public static final int MAX_LENGTH = 214;

  private static final Pattern NAME =
      Pattern.compile("(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*");

  private NpmNames() {}

  /** True when {@code name} is a well-formed npm package name. */
  public static boolean isValid(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  /**
   * The scope of a scoped name, with its {@code @} ({@code @upstash} for {@code
   * @upstash/context7-mcp}); null for an unscoped name.
   */
  public static String scope(String name) {
    if (name == null || !name.startsWith("@") || name.indexOf('/') < 0) {
      return null;
    }
    return name.substring(0, name.indexOf('/'));
  }

  /**
   * The name as a registry URL path segment: {@code @scope%2fname} for a scoped name (npm's own
   * escaping), the name itself otherwise.
   *
   * @throws IllegalArgumentException when {@code name} is not {@link #isValid valid}
   */
  public static String escape(String name) {
    requireValid(name);
    return name.replace("/", "%2f");
  }

  /** {@code name}, or an {@link IllegalArgumentException} naming the problem. */
  static String requireValid(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "not an npm package name: " + (name == null ? "null" : Texts.quote(name, 80)));
    }
    return name;
  }
}
