package dev.mcprisk.crawler.packages;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the npm registry from the user's npm configuration, never from a host written in this
 * code, so a user's mirror or proxy is honoured. Precedence, highest first, as <a
 * href="https://docs.npmjs.com/cli/configuring-npm/npmrc">npm's own</a>:
 *
 * <ol>
 *   <li>environment: {@code npm_config_registry} or {@code NPM_CONFIG_REGISTRY} (lower case wins
 *       when both are set), {@code npm_config_@scope:registry};
 *   <li>the project {@code .npmrc}: in the nearest folder at or above the working directory that
 *       holds a {@code package.json} or {@code node_modules}, else in the working directory;
 *   <li>the user {@code .npmrc}: {@code npm_config_userconfig}, else {@code ~/.npmrc};
 *   <li>the global {@code npmrc}: {@code npm_config_globalconfig}, else {@code
 *       $npm_config_prefix/etc/npmrc}, else {@link NpmConfigSources#defaultGlobalNpmrc()};
 *   <li>{@code npm config get registry} (only for the default registry, when no file names one).
 * </ol>
 *
 * <p>Scoped registries ({@code @scope:registry=...}) are merged over the same layers. {@code
 * ${VAR}} in files is expanded from {@link NpmConfigSources#environment()}. Credentials in the
 * files ({@code //host/:_authToken=...}) are never kept, logged or put in a message.
 *
 * <p>Thread-safe: stateless; {@link #resolve} reads files and may start npm once.
 */
public final class NpmRegistryConfig {

  /** Largest npmrc file read: 1 MiB; a larger one is skipped with a note. */
  public static final long MAX_NPMRC_BYTES = 1024 * 1024;

  /** The npmrc key of the default registry. */
  public static final String REGISTRY_KEY = "registry";

  private static final String ENV_PREFIX = "npm_config_";

  private NpmRegistryConfig() {}

  /**
   * The registries {@code sources} configure.
   *
   * @return the default registry, scoped registries, where the default came from and notes on
   *     skipped entries; never null
   * @throws NpmConfigException when no source names a registry ("no npm registry configured: set
   *     NPM_CONFIG_REGISTRY or install npm"), or when the one that wins is not an http(s) URL
   */
  public static NpmRegistry resolve(NpmConfigSources sources) throws NpmConfigException {
    List<String> notes = new ArrayList<>();
    Map<String, String> env = sources.environment();
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer("environment", environmentLayer(env)));
    Path user = userNpmrc(sources);
    Path project = projectDirectory(sources.workingDirectory()).resolve(".npmrc");
    if (user == null || !project.normalize().equals(user.normalize())) {
      layers.add(fileLayer(project, env, notes));
    }
    if (user != null) {
      layers.add(fileLayer(user, env, notes));
    }
    Path global = globalNpmrc(sources);
    if (global != null) {
      layers.add(fileLayer(global, env, notes));
    }

    Map<String, URI> scopes = new LinkedHashMap<>();
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      for (Map.Entry<String, String> e : layer.values().entrySet()) {
        String scope = scopeOf(e.getKey());
        if (scope != null) {
          try {
            scopes.put(scope, NpmRegistry.parseUrl(e.getValue()));
          } catch (IllegalArgumentException bad) {
            notes.add(layer.origin() + ": skipped " + scope + ":registry, " + bad.getMessage());
          }
        }
      }
    }
    for (Layer layer : layers) {
      String value = layer.values().get(REGISTRY_KEY);
      if (value != null) {
        return new NpmRegistry(url(value, layer.origin()), scopes, layer.origin(), notes);
      }
    }
    Optional<String> fromNpm = sources.command().getRegistry();
    if (fromNpm.isPresent()) {
      String origin = "npm config get registry";
      return new NpmRegistry(url(fromNpm.get(), origin), scopes, origin, notes);
    }
    List<String> looked = new ArrayList<>();
    for (Layer layer : layers) {
      looked.add(layer.origin());
    }
    throw new NpmConfigException(
        "no npm registry configured: set NPM_CONFIG_REGISTRY or install npm (looked in "
            + String.join(", ", looked)
            + ", and npm config get registry gave no answer)");
  }

  private record Layer(String origin, Map<String, String> values) {}

  private static URI url(String value, String origin) throws NpmConfigException {
    try {
      return NpmRegistry.parseUrl(value);
    } catch (IllegalArgumentException e) {
      throw new NpmConfigException("the npm registry from " + origin + " is " + e.getMessage());
    }
  }

  /** {@code @scope} for a key {@code @scope:registry}, else null. */
  private static String scopeOf(String key) {
    int colon = key.indexOf(':');
    if (!key.startsWith("@") || colon < 2) {
      return null;
    }
    String rest = key.substring(colon + 1);
    return rest.equalsIgnoreCase(REGISTRY_KEY) ? key.substring(0, colon) : null;
  }

  private static Map<String, String> environmentLayer(Map<String, String> env) {
    Map<String, String> upper = new LinkedHashMap<>();
    Map<String, String> lower = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (name.length() <= ENV_PREFIX.length()
          || !name.substring(0, ENV_PREFIX.length()).equalsIgnoreCase(ENV_PREFIX)
          || e.getValue() == null
          || e.getValue().isBlank()) {
        continue;
      }
      String key = name.substring(ENV_PREFIX.length());
      if (key.equalsIgnoreCase(REGISTRY_KEY)) {
        key = REGISTRY_KEY;
      } else if (scopeOf(key) == null) {
        continue;
      }
      (name.startsWith(ENV_PREFIX) ? lower : upper).put(key, e.getValue());
    }
    upper.putAll(lower);
    return upper;
  }

  private static String env(Map<String, String> env, String key) {
    String lower = env.get(ENV_PREFIX + key);
    if (lower != null && !lower.isBlank()) {
      return lower;
    }
    String upper = env.get((ENV_PREFIX + key).toUpperCase(Locale.ROOT));
    return upper != null && !upper.isBlank() ? upper : null;
  }

  private static Path userNpmrc(NpmConfigSources sources) {
    String configured = env(sources.environment(), "userconfig");
    if (configured != null) {
      return sources.workingDirectory().resolve(configured);
    }
    return sources.home() == null ? null : sources.home().resolve(".npmrc");
  }

  private static Path globalNpmrc(NpmConfigSources sources) {
    String configured = env(sources.environment(), "globalconfig");
    if (configured != null) {
      return sources.workingDirectory().resolve(configured);
    }
    String prefix = env(sources.environment(), "prefix");
    if (prefix != null) {
      return sources.workingDirectory().resolve(prefix).resolve("etc").resolve("npmrc");
    }
    return sources.defaultGlobalNpmrc();
  }

  /** npm's local prefix: the nearest folder holding package.json or node_modules. */
  static Path projectDirectory(Path workingDirectory) {
    for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))
          || Files.isDirectory(dir.resolve("node_modules"))) {
        return dir;
      }
    }
    return workingDirectory;
  }

  private static Layer fileLayer(Path file, Map<String, String> env, List<String> notes) {
    String origin = file.toString();
    try {
      if (!Files.isRegularFile(file)) {
        return new Layer(origin, Map.of());
      }
      if (Files.size(file) > MAX_NPMRC_BYTES) {
        notes.add(origin + ": skipped, larger than " + MAX_NPMRC_BYTES + " bytes");
        return new Layer(origin, Map.of());
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return new Layer(origin, Npmrc.parse(text, env, origin, notes));
    } catch (IOException | RuntimeException e) {
      notes.add(origin + ": skipped, cannot read it (" + e.getClass().getSimpleName() + ")");
      return new Layer(origin, Map.of());
    }
  }
}
