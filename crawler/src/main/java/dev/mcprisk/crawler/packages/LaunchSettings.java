package dev.mcprisk.crawler.packages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
   * Variables passed from this JVM to npm by {@link #npmEnvironment}, besides every {@code
   * npm_config_*} (in any case: npm reads them so, e.g. {@code NPM_CONFIG_USERCONFIG}, {@code
   * NPM_CONFIG_GLOBALCONFIG}, {@code npm_config_cafile}): {@code PATH}; {@code HOME} (npm's user
   * config {@code ~/.npmrc}); {@code PREFIX} (npm's global prefix, whose {@code etc/npmrc} is the
   * global config); the proxy variables; and the certificate variables node reads ({@code
   * NODE_EXTRA_CA_CERTS}, and {@code SSL_CERT_FILE}, {@code SSL_CERT_DIR} with {@code
   * --use-openssl-ca}), as the user's own {@code npm install} sees them (<a
   * href="https://docs.npmjs.com/cli/configuring-npm/npmrc">npmrc</a>, <a
   * href="https://nodejs.org/api/cli.html#environment-variables">node's environment variables</a>).
   */
  public static final Set<String> NPM_VARIABLES =
      Set.of(
          "PATH",
          "HOME",
          "PREFIX",
          "HTTPS_PROXY",
          "HTTP_PROXY",
          "NO_PROXY",
          "https_proxy",
          "http_proxy",
          "no_proxy",
          "NODE_EXTRA_CA_CERTS",
          "SSL_CERT_FILE",
          "SSL_CERT_DIR");

  /**
   * The only {@code NODE_OPTIONS} flags passed to npm: those choosing node's certificate store.
   * Every other flag is dropped, as {@code --require} or {@code --import} would run code in npm's
   * process outside the sandbox; {@code NODE_TLS_REJECT_UNAUTHORIZED} is never passed either (npm's
   * own {@code strict-ssl} setting, in an npmrc, still applies).
   */
  public static final Set<String> NODE_OPTIONS_PASSED =
      Set.of("--use-openssl-ca", "--use-bundled-ca", "--use-system-ca");

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
   * #DEFAULT_INSTALL_TIMEOUT}, and npm's environment taken from this JVM's ({@link
   * #npmEnvironment}).
   */
  public static LaunchSettings defaults(Path cacheDir, NpmRegistry registry) {
    Map<String, String> environment = npmEnvironment(System.getenv());
    return new LaunchSettings(
        cacheDir.toAbsolutePath().normalize(),
        registry,
        NodeRuntime.findNpm().orElse(null),
        NodeRuntime.findNode().orElse(null),
        DEFAULT_INSTALL_TIMEOUT,
        environment);
  }

  /**
   * The part of {@code machine} (an environment, e.g. {@link System#getenv()}) that npm needs to
   * honour this machine's npm and TLS configuration: {@link #NPM_VARIABLES}, every {@code
   * npm_config_*}, and {@code NODE_OPTIONS} cut to {@link #NODE_OPTIONS_PASSED}. Nothing else (API
   * tokens, other secrets) reaches npm. Only npm gets it: a launched server starts with an empty
   * environment.
   *
   * @return a new mutable map, in {@code machine}'s order
   */
  public static Map<String, String> npmEnvironment(Map<String, String> machine) {
    Objects.requireNonNull(machine, "machine == null");
    Map<String, String> environment = new LinkedHashMap<>();
    machine.forEach(
        (name, value) -> {
          if (NPM_VARIABLES.contains(name)
              || name.toLowerCase(Locale.ROOT).startsWith("npm_config_")) {
            environment.put(name, value);
          }
        });
    String nodeOptions = machine.get("NODE_OPTIONS");
    if (nodeOptions != null) {
      List<String> kept = new ArrayList<>();
      for (String option : nodeOptions.strip().split("\\s+")) {
        if (NODE_OPTIONS_PASSED.contains(option)) {
          kept.add(option);
        }
      }
      if (!kept.isEmpty()) {
        environment.put("NODE_OPTIONS", String.join(" ", kept));
      }
    }
    return environment;
  }
}
