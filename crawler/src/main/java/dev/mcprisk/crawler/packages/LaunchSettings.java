package dev.mcprisk.crawler.packages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how {@link PackageLauncher} installs registry packages.
 *
 * @param cacheDir folder holding {@code npm/<name>@<version>} installs; absolute; created when
 *     missing
 * @param registry the npm registries to install from (from {@link NpmRegistryConfig}); never null
 * @param npm the npm executable; null when npm is not installed (launches then end {@code
 *     NOT_INSTALLED})
 * @param node the node executable; null when node is not installed
 * @param installTimeout deadline of one {@code npm install}; positive
 * @param npmEnvironment npm's whole environment (it never gets this JVM's other variables, so
 *     secrets in it stay out of reach); never null
 */
public record LaunchSettings(
    Path cacheDir,
    NpmRegistry registry,
    Path npm,
    Path node,
    Duration installTimeout,
    Map<String, String> npmEnvironment) {

  /** Default deadline of one {@code npm install}: 5 minutes. */
  public static final Duration DEFAULT_INSTALL_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Variables passed from this JVM to npm by {@link #defaults}: {@code PATH}, {@code HOME}, the
   * proxy variables, and every {@code npm_config_*} (in any case).
   */
  public static final Set<String> NPM_VARIABLES =
      Set.of(
          "PATH",
          "HOME",
          "HTTPS_PROXY",
          "HTTP_PROXY",
          "NO_PROXY",
          "https_proxy",
          "http_proxy",
          "no_proxy");

  public LaunchSettings {
    Objects.requireNonNull(cacheDir, "cacheDir == null");
    if (!cacheDir.isAbsolute()) {
      throw new IllegalArgumentException("cacheDir is not absolute: " + cacheDir);
    }
    Objects.requireNonNull(registry, "registry == null");
    Objects.requireNonNull(installTimeout, "installTimeout == null");
    if (installTimeout.isNegative() || installTimeout.isZero()) {
      throw new IllegalArgumentException("installTimeout is not positive: " + installTimeout);
    }
    npmEnvironment = Map.copyOf(Objects.requireNonNull(npmEnvironment, "npmEnvironment == null"));
  }

  /**
   * Settings for this machine: {@code npm} and {@code node} from {@code PATH}, {@link
   * #DEFAULT_INSTALL_TIMEOUT}, and npm's environment taken from this JVM's ({@link #NPM_VARIABLES}
   * and {@code npm_config_*}).
   */
  public static LaunchSettings defaults(Path cacheDir, NpmRegistry registry) {
    Map<String, String> environment = new LinkedHashMap<>();
    System.getenv()
        .forEach(
            (name, value) -> {
              if (NPM_VARIABLES.contains(name)
                  || name.toLowerCase(Locale.ROOT).startsWith("npm_config_")) {
                environment.put(name, value);
              }
            });
    return new LaunchSettings(
        cacheDir.toAbsolutePath().normalize(),
        registry,
        NodeRuntime.findNpm().orElse(null),
        NodeRuntime.findNode().orElse(null),
        DEFAULT_INSTALL_TIMEOUT,
        environment);
  }
}
