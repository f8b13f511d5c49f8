package dev.mcprisk.crawler.mcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One server to probe: a URL (Streamable HTTP, HTTP+SSE or {@code auto}) or a command (stdio).
 * Build with {@link #url(String, ProbeTransport)} or {@link #command(List)}, then {@code with...}.
 *
 * @param serverId the id the outcome carries; never blank. Defaults: the URL without its query (a
 *     query may hold a key), or {@code stdio:} and the command line
 * @param transport {@link ProbeTransport#STDIO} for commands, any other value for URLs
 * @param url the server's endpoint for URL targets ({@code http} or {@code https}), else null
 * @param command executable and arguments for stdio targets, else empty
 * @param headers HTTP headers, each one treated as a credential: sent only on requests whose URL
 *     has the origin (scheme, host, port) of {@code url}, never after a redirect or an SSE {@code
 *     endpoint} event to another origin; never null
 * @param environment variables for a stdio server on top of PATH and HOME; never null
 * @param secretNames names of headers and variables whose values are secret: they are masked in the
 *     whole result ({@link Redactor}). {@code Authorization}, {@code Proxy-Authorization} and
 *     {@code Cookie} always are. Never null
 * @param readOnlyPaths extra paths a sandboxed stdio server may read; absolute; never null
 */
public record ProbeTarget(
    String serverId,
    ProbeTransport transport,
    String url,
    List<String> command,
    Map<String, String> headers,
    Map<String, String> environment,
    Set<String> secretNames,
    List<Path> readOnlyPaths) {

  /** Header names whose values are always secret (lower case). */
  static final Set<String> ALWAYS_SECRET = Set.of("authorization", "proxy-authorization", "cookie");

  public ProbeTarget {
    Objects.requireNonNull(serverId, "serverId == null");
    if (serverId.isBlank()) {
      throw new IllegalArgumentException("serverId is blank");
    }
    Objects.requireNonNull(transport, "transport == null");
    command = List.copyOf(Objects.requireNonNull(command, "command == null"));
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers == null"));
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
    secretNames = Set.copyOf(Objects.requireNonNull(secretNames, "secretNames == null"));
    readOnlyPaths = List.copyOf(Objects.requireNonNull(readOnlyPaths, "readOnlyPaths == null"));
    if (transport == ProbeTransport.STDIO) {
      if (command.isEmpty() || command.get(0).isBlank()) {
        throw new IllegalArgumentException("a stdio target needs a command");
      }
      if (url != null) {
        throw new IllegalArgumentException("a stdio target has no url");
      }
    } else {
      if (url == null || HttpUrl.parse(url) == null) {
        throw new IllegalArgumentException("not an http or https URL: " + url);
      }
      if (!command.isEmpty()) {
        throw new IllegalArgumentException("a URL target has no command");
      }
    }
    for (Path path : readOnlyPaths) {
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException("readOnlyPaths holds a relative path: " + path);
      }
    }
  }

  /**
   * A URL target.
   *
   * @param url {@code http://} or {@code https://} endpoint, e.g. {@code https://host/mcp}
   * @param transport {@link ProbeTransport#AUTO}, {@link ProbeTransport#HTTP} or {@link
   *     ProbeTransport#SSE}
   * @throws IllegalArgumentException for another transport or a URL that is not http(s)
   */
  public static ProbeTarget url(String url, ProbeTransport transport) {
    if (transport == ProbeTransport.STDIO) {
      throw new IllegalArgumentException("a URL cannot be probed over stdio");
    }
    HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url == null"));
    if (parsed == null) {
      throw new IllegalArgumentException("not an http or https URL: " + url);
    }
    String id =
        parsed.newBuilder().query(null).fragment(null).username("").password("").build().toString();
    return new ProbeTarget(id, transport, url, List.of(), Map.of(), Map.of(), Set.of(), List.of());
  }

  /** A stdio target: {@code command} (executable, then arguments) run sandboxed. */
  public static ProbeTarget command(List<String> command) {
    Objects.requireNonNull(command, "command == null");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a stdio target needs a command");
    }
    return new ProbeTarget(
        "stdio:" + String.join(" ", command),
        ProbeTransport.STDIO,
        null,
        command,
        Map.of(),
        Map.of(),
        Set.of(),
        List.of());
  }

  /** This target with another id. */
  public ProbeTarget withServerId(String id) {
    return new ProbeTarget(
        id, transport, url, command, headers, environment, secretNames, readOnlyPaths);
  }

  /** This target with one more header; {@code secret} masks its value in the whole result. */
  public ProbeTarget withHeader(String name, String value, boolean secret) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new ProbeTarget(
        serverId, transport, url, command, all, environment, secrets(name, secret), readOnlyPaths);
  }

  /** This target with one more environment variable; {@code secret} masks its value. */
  public ProbeTarget withEnvironment(String name, String value, boolean secret) {
    Map<String, String> all = new LinkedHashMap<>(environment);
    all.put(name, value);
    return new ProbeTarget(
        serverId, transport, url, command, headers, all, secrets(name, secret), readOnlyPaths);
  }

  /** This target with {@code paths} readable by a sandboxed stdio server. */
  public ProbeTarget withReadOnlyPaths(List<Path> paths) {
    return new ProbeTarget(
        serverId, transport, url, command, headers, environment, secretNames, paths);
  }

  /**
   * Every secret value of this target as given: marked headers and variables, {@link
   * #ALWAYS_SECRET} headers (a {@code Cookie}'s pair values too) and the URL's password. {@link
   * Redactor} adds their other forms (a bearer token without its scheme).
   */
  Set<String> secretValues() {
    Set<String> values = new HashSet<>();
    headers.forEach(
        (name, value) -> {
          if (secretNames.contains(name) || ALWAYS_SECRET.contains(name.toLowerCase(Locale.ROOT))) {
            values.add(value);
            if (name.equalsIgnoreCase("cookie")) {
              values.addAll(cookieValues(value));
            }
          }
        });
    environment.forEach(
        (name, value) -> {
          if (secretNames.contains(name)) {
            values.add(value);
          }
        });
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed != null && !parsed.password().isEmpty()) {
      values.add(parsed.password());
    }
    return values;
  }

  /** The values of a {@code Cookie} header's {@code name=value} pairs (RFC 6265, section 4.2). */
  private static List<String> cookieValues(String header) {
    List<String> values = new ArrayList<>();
    for (String pair : header.split(";")) {
      int equals = pair.indexOf('=');
      if (equals >= 0) {
        values.add(pair.substring(equals + 1).strip());
      }
    }
    return values;
  }

  private Set<String> secrets(String name, boolean secret) {
    Set<String> names = new HashSet<>(secretNames);
    if (secret) {
      names.add(name);
    }
    return names;
  }
}
