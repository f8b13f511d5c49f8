package dev.mcprisk.crawler.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a protected MCP server asks for: the {@code Bearer} challenge of its {@code
 * WWW-Authenticate} header (RFC 6750 section 3, with RFC 9728 section 5.1's {@code
 * resource_metadata} parameter; MCP authorization,
 * https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization).
 *
 * @param resourceMetadata the protected-resource metadata URL, or null when not given
 * @param scopes the scopes asked for ({@code scope}, space-separated), in order; never null
 */
public record AuthChallenge(String resourceMetadata, List<String> scopes) {

  /** Longest header value parsed: 8 KiB (the rest is ignored). */
  static final int MAX_HEADER_CHARS = 8 * 1024;

  public AuthChallenge {
    scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes == null"));
  }

  /**
   * Parses the {@code WWW-Authenticate} values of one answer. Parameters of any scheme are read
   * (some servers omit {@code Bearer}); the first non-empty {@code resource_metadata} and the first
   * {@code scope} win. Each value is read up to {@link #MAX_HEADER_CHARS} chars by a single forward
   * scan (time linear in its length, constant stack), so a hostile header cannot exhaust the stack
   * or the CPU.
   *
   * <p>Grammar (RFC 9110 section 11.6.1, formerly RFC 7235 section 4.1): a list of challenges, each
   * {@code auth-scheme [ token68 / #auth-param ]}, with {@code auth-param = token BWS "=" BWS (
   * token / quoted-string )} and quoted-strings holding backslash escapes (RFC 9110 section 5.6.4).
   * Read leniently: an unquoted value runs to the next space or comma, an unterminated
   * quoted-string ends with the header, a trailing lone backslash is dropped, and anything else
   * that is not a parameter (scheme names, token68 values, stray characters) is skipped.
   *
   * @param headers every {@code WWW-Authenticate} value; never null
   * @return the challenge; fields empty when absent
   */
  public static AuthChallenge parse(List<String> headers) {
    String metadata = null;
    List<String> scopes = null;
    for (String header : headers) {
      Scanner scanner = new Scanner(header);
      for (String[] param = scanner.nextParam(); param != null; param = scanner.nextParam()) {
        String name = param[0].toLowerCase(Locale.ROOT);
        String value = param[1];
        if (name.equals("resource_metadata") && metadata == null && !value.isEmpty()) {
          metadata = value;
        } else if (name.equals("scope") && scopes == null) {
          scopes = new ArrayList<>();
          for (String scope : value.trim().split("\\s+")) {
            if (!scope.isEmpty()) {
              scopes.add(scope);
            }
          }
        }
      }
    }
    return new AuthChallenge(metadata, scopes == null ? List.of() : scopes);
  }

  /** A forward-only scanner of one header value's {@code name=value} parameters. */
  private static final class Scanner {
    private final String text;
    private final int end;
    private int pos;

    Scanner(String header) {
      this.text = header;
      this.end = Math.min(header.length(), MAX_HEADER_CHARS);
    }

    /** The next parameter as {@code {name, value}} (value unquoted), or null at the end. */
    String[] nextParam() {
      while (pos < end) {
        char c = text.charAt(pos);
        if (c == '"') {
          quoted(); // a stray quoted-string is skipped whole, so nothing inside it is a parameter
        } else if (!isTokenChar(c)) {
          pos++;
        } else {
          int start = pos;
          while (pos < end && isTokenChar(text.charAt(pos))) {
            pos++;
          }
          String name = text.substring(start, pos);
          skipSpaces();
          if (pos < end && text.charAt(pos) == '=') {
            pos++;
            skipSpaces();
            return new String[] {name, value()};
          }
          // A scheme name or token68: the next word may be a parameter.
        }
      }
      return null;
    }

    private String value() {
      if (pos < end && text.charAt(pos) == '"') {
        return quoted();
      }
      int start = pos;
      while (pos < end && text.charAt(pos) != ',' && !isSpace(text.charAt(pos))) {
        pos++;
      }
      return text.substring(start, pos);
    }

    /** Reads a quoted-string starting at its opening quote; returns its content unescaped. */
    private String quoted() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (pos < end) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\') {
          if (pos < end) {
            out.append(text.charAt(pos++));
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private void skipSpaces() {
      while (pos < end && isSpace(text.charAt(pos))) {
        pos++;
      }
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t';
    }

    /** RFC 9110 section 5.6.2 {@code tchar}. */
    private static boolean isTokenChar(char c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
