package dev.mcprisk.crawler.packages;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The npm registries a user's configuration names: a default and one per scope (npmrc {@code
 * registry} and {@code @scope:registry}), as resolved by {@link NpmRegistryConfig}.
 *
 * <p>Registry URLs are absolute {@code http}/{@code https} URLs ending in {@code /} (npm's own
 * normalisation). {@link #toString()} and {@link #describe(URI)} drop any user-info, so a URL with
 * credentials in it is never shown.
 *
 * @param registry the default registry; never null
 * @param scopes registry per scope, keyed by scope with its {@code @} (e.g. {@code @myco}); never
 *     null
 * @param source where the default came from (an environment variable, a file path, or {@code npm
 *     config get registry}); never null
 * @param notes entries skipped while reading the configuration (never a credential value); never
 *     null
 */
public record NpmRegistry(
    URI registry, Map<String, URI> scopes, String source, List<String> notes) {

  public NpmRegistry {
    registry = normalise(Objects.requireNonNull(registry, "registry == null"));
    Objects.requireNonNull(source, "source == null");
    Map<String, URI> copy = new TreeMap<>();
    Objects.requireNonNull(scopes, "scopes == null")
        .forEach(
            (scope, url) -> {
              if (scope == null || !scope.startsWith("@") || scope.length() < 2) {
                throw new IllegalArgumentException("not a scope: " + scope);
              }
              copy.put(scope, normalise(url));
            });
    scopes = Map.copyOf(copy);
    notes = List.copyOf(Objects.requireNonNull(notes, "notes == null"));
  }

  /** A registry with no scoped registries, e.g. one served on loopback in a test. */
  public static NpmRegistry of(URI registry, String source) {
    return new NpmRegistry(registry, Map.of(), source, List.of());
  }

  /** The registry that serves {@code packageName}: its scope's, else the default. */
  public URI registryFor(String packageName) {
    String scope = NpmNames.scope(packageName);
    return scope != null && scopes.containsKey(scope) ? scopes.get(scope) : registry;
  }

  /**
   * The packument URL of {@code packageName}: {@code <registry><escaped name>}, e.g. {@code
   * <registry>@upstash%2fcontext7-mcp} (npm's escaping; spec: mcp-protocol.md "Package
   * registries").
   *
   * @throws IllegalArgumentException when {@code packageName} is not a valid npm name
   */
  public URI packumentUrl(String packageName) {
    return URI.create(registryFor(packageName).toString() + NpmNames.escape(packageName));
  }

  /** {@code url} without user-info, for messages and logs. */
  public static String describe(URI url) {
    if (url == null || url.getRawUserInfo() == null) {
      return String.valueOf(url);
    }
    try {
      return new URI(
              url.getScheme(),
              null,
              url.getHost(),
              url.getPort(),
              url.getPath(),
              url.getQuery(),
              url.getFragment())
          .toString();
    } catch (URISyntaxException e) {
      return url.getScheme() + "://" + url.getHost() + "/";
    }
  }

  /**
   * {@code text} as a registry URL: absolute {@code http}/{@code https} with a host, ending in
   * {@code /}.
   *
   * @throws IllegalArgumentException when it is not such a URL (the message never holds user-info)
   */
  static URI parseUrl(String text) {
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL");
    }
    return normalise(url);
  }

  private static URI normalise(URI url) {
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null
        || url.isOpaque()) {
      throw new IllegalArgumentException("not an http(s) registry URL: " + describe(url));
    }
    String text = url.toString();
    return text.endsWith("/") ? url : URI.create(text + "/");
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("NpmRegistry[").append(describe(registry));
    scopes.forEach(
        (scope, url) -> out.append(", ").append(scope).append('=').append(describe(url)));
    return out.append(" from ").append(source).append(']').toString();
  }
}
