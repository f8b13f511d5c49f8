package dev.mcprisk.crawler.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a protected MCP server asks for: the {@code Bearer} challenge of its {@code
 * WWW-Authenticate} header (RFC 6750 section 3, with RFC 9728 section 5.1's {@code
 * resource_metadata} parameter; MCP authorization, shared/specs/mcp-protocol.md).
 *
 * @param resourceMetadata the protected-resource metadata URL, or null when not given
 * @param scopes the scopes asked for ({@code scope}, space-separated), in order; never null
 */
public record AuthChallenge(String resourceMetadata, List<String> scopes) {

  /** Longest header value parsed: 8 KiB (the rest is ignored). */
  static final int MAX_HEADER_CHARS = 8 * 1024;

  private static final Pattern PARAM =
      Pattern.compile("([A-Za-z0-9_-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]*))");

  public AuthChallenge {
    scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes == null"));
  }

  /**
   * Parses the {@code WWW-Authenticate} values of one answer. Parameters of any scheme are read
   * (some servers omit {@code Bearer}); the first {@code resource_metadata} and {@code scope} win.
   *
   * @param headers every {@code WWW-Authenticate} value; never null
   * @return the challenge; fields empty when absent
   */
  public static AuthChallenge parse(List<String> headers) {
    String metadata = null;
    List<String> scopes = new ArrayList<>();
    boolean scopeSeen = false;
    for (String header : headers) {
      String value =
          header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
      Matcher m = PARAM.matcher(value);
      while (m.find()) {
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String text = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
        if (name.equals("resource_metadata") && metadata == null && !text.isEmpty()) {
          metadata = text;
        } else if (name.equals("scope") && !scopeSeen) {
          scopeSeen = true;
          for (String scope : text.trim().split("\\s+")) {
            if (!scope.isEmpty()) {
              scopes.add(scope);
            }
          }
        }
      }
    }
    return new AuthChallenge(metadata, scopes);
  }
}
