package dev.mcprisk.export;

import dev.mcprisk.json.Json;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Safe, collision-free file name stems for per-server export files.
 *
 * <p>A stem holds only {@code [a-z0-9._-]}, never starts with a dot, never contains {@code ..}, and
 * is at most {@link #MAX_STEM_CHARS} chars. An id that is already such a stem (and does not end
 * like a hash suffix) is used as is; any other id is mapped (upper case to lower case, every other
 * character to {@code _}), cut, and given the suffix {@code -<first 8 hex of SHA-256(id)>}. So
 * unchanged stems never end in a hash suffix, and two different changed ids share a stem only when
 * their mapped prefixes and their 32-bit hash prefixes both collide; {@link Exporter} still checks
 * stems for uniqueness and fails rather than overwrite.
 *
 * <p>Example: {@code io.github.mongodb-js/mongodb-mcp-server} → {@code
 * io.github.mongodb-js_mongodb-mcp-server-<8 hex>}.
 *
 * <p>Thread-safe: stateless.
 */
public final class ExportFileNames {
  /** Longest stem, in chars (without the extension the exporter adds). */
  public static final int MAX_STEM_CHARS = 100;

  /** Hex digits of SHA-256(id) in the suffix of a changed id. */
  public static final int HASH_SUFFIX_HEX_DIGITS = 8;

  private static final Pattern SAFE = Pattern.compile("[a-z0-9._-]+");
  private static final Pattern HASH_SUFFIX =
      Pattern.compile(".*-[0-9a-f]{" + HASH_SUFFIX_HEX_DIGITS + "}");

  private ExportFileNames() {}

  /**
   * The file name stem for a server id.
   *
   * @param serverId the server's id; never null or empty
   * @return a stem such as {@code io.github.example_files-1a2b3c4d}
   * @throws IllegalArgumentException when {@code serverId} is empty
   */
  public static String forServer(String serverId) {
    Objects.requireNonNull(serverId, "serverId == null");
    if (serverId.isEmpty()) {
      throw new IllegalArgumentException("serverId is empty");
    }
    if (isSafe(serverId)) {
      return serverId;
    }
    StringBuilder mapped = new StringBuilder(serverId.length());
    for (int i = 0; i < serverId.length(); i++) {
      char c = serverId.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        mapped.append(Character.toLowerCase(c));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        mapped.append(c);
      } else if (c == '.' && mapped.length() > 0 && mapped.charAt(mapped.length() - 1) != '.') {
        mapped.append('.');
      } else {
        mapped.append('_');
      }
    }
    String suffix = "-" + Json.sha256Hex(serverId).substring(0, HASH_SUFFIX_HEX_DIGITS);
    int room = MAX_STEM_CHARS - suffix.length();
    String prefix = mapped.length() > room ? mapped.substring(0, room) : mapped.toString();
    return prefix + suffix;
  }

  private static boolean isSafe(String id) {
    return id.length() <= MAX_STEM_CHARS
        && SAFE.matcher(id).matches()
        && !id.startsWith(".")
        && !id.contains("..")
        && !HASH_SUFFIX.matcher(id).matches();
  }
}
