package dev.mcprisk.crawler.packages;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the repository forms of package.json into a browsable {@code https} URL, following npm's <a
 * href="https://docs.npmjs.com/cli/configuring-npm/package-json#repository">repository</a> rules
 * and the hosted-git-info shorthands: {@code git+https://host/o/r.git}, {@code git://host/o/r.git},
 * {@code git+ssh://git@host/o/r.git}, {@code git@host:o/r.git}, {@code github:o/r}, {@code
 * gitlab:o/r}, {@code bitbucket:o/r}, {@code gist:id} and bare {@code o/r} (GitHub).
 *
 * <p>Thread-safe: stateless.
 */
final class RepositoryUrls {

  private static final Map<String, String> SHORTHAND_HOSTS =
      Map.of(
          "github", "github.com",
          "gitlab", "gitlab.com",
          "bitbucket", "bitbucket.org",
          "gist", "gist.github.com");

  private static final Pattern SHORTHAND =
      Pattern.compile("(github|gitlab|bitbucket|gist):([A-Za-z0-9._/-]+)");
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+");
  private static final Pattern SCP = Pattern.compile("[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(.+)");
  private static final Pattern URL =
      Pattern.compile(
          "(?:git\\+)?(?:https?|git|ssh|git\\+ssh)://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/(.+)");

  private RepositoryUrls() {}

  /** The browsable URL, or null for blank or unrecognised text. */
  static String normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text = raw.strip();
    Matcher m = SHORTHAND.matcher(text);
    if (m.matches()) {
      return https(SHORTHAND_HOSTS.get(m.group(1)), m.group(2));
    }
    if (BARE.matcher(text).matches()) {
      return https("github.com", text);
    }
    m = SCP.matcher(text);
    if (m.matches()) {
      return https(m.group(1), m.group(2));
    }
    m = URL.matcher(text);
    if (m.matches()) {
      return https(m.group(1), m.group(2));
    }
    return null;
  }

  private static String https(String host, String path) {
    String p = path;
    int cut = indexOfAny(p, "#?");
    if (cut >= 0) {
      p = p.substring(0, cut);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      return null;
    }
    return "https://" + host.toLowerCase(Locale.ROOT) + "/" + p;
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
