package dev.mcprisk.crawler.packages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.crawler.mcp.ClientCapabilities;
import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.crawler.mcp.Sandbox;
import dev.mcprisk.crawler.mcp.StdioMcpClient;
import dev.mcprisk.crawler.mcp.StdioServerSpec;
import dev.mcprisk.files.FileTrees;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlOutcome;
import dev.mcprisk.model.CrawlStatus;
import dev.mcprisk.model.EnvironmentVariable;
import dev.mcprisk.model.ServerPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Launches registry packages for {@code --launch-packages}: installs the pinned version of an npm
 * package with stdio transport, with install scripts disabled, into a cache folder; then starts its
 * {@code bin} with {@code node} in the {@link Sandbox} and lists its tools with {@link
 * StdioMcpClient}.
 *
 * <p>Safety model: {@code npm install --ignore-scripts} only downloads and unpacks (no code of the
 * package runs outside the sandbox); npm gets only {@link LaunchSettings#npmEnvironment()}; the
 * server runs in bubblewrap with no network, an empty environment plus the variables of its {@link
 * LaunchPlan}, and read-only access to its install and the node runtime. Required non-secret
 * variables get their {@code default} or {@link #PLACEHOLDER}; a package with a required {@code
 * isSecret} variable is not launched unless the user supplied that value; user values go only to
 * packages that declare the variable, and are redacted from every reason.
 *
 * <p>Outcomes are data: {@link #launchAndCrawl} never throws for a package, an install or a server.
 *
 * <p>Thread-safe: one instance may launch several packages at once; two installs of one package
 * race harmlessly (each installs into its own temporary folder, the first rename wins).
 */
public final class PackageLauncher {

  /** Value given to required, non-secret variables without a {@code default}. */
  public static final String PLACEHOLDER = "mcprisk-placeholder";

  /** Bytes of npm output kept for a failure reason: 8 KiB. */
  public static final int INSTALL_OUTPUT_BYTES = 8 * 1024;

  /** File written into an install folder once its install finished; its absence means redo. */
  public static final String INSTALLED_MARKER = ".mcprisk-installed";

  /** The manifest written into a fresh install folder so npm takes the folder as its project. */
  public static final String INSTALL_MANIFEST = "package.json";

  /**
   * npm error codes (node's OpenSSL verification errors) meaning the registry's TLS certificate is
   * not trusted: fixed by npm's {@code cafile} or node's {@code NODE_EXTRA_CA_CERTS}.
   */
  public static final List<String> CERTIFICATE_ERRORS =
      List.of(
          "SELF_SIGNED_CERT_IN_CHAIN",
          "DEPTH_ZERO_SELF_SIGNED_CERT",
          "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
          "UNABLE_TO_GET_ISSUER_CERT",
          "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
          "CERT_HAS_EXPIRED",
          "ERR_TLS_CERT_ALTNAME_INVALID");

  /** Largest {@code package.json} read to find a bin: 1 MiB. */
  public static final long MAX_MANIFEST_BYTES = 1024 * 1024;

  /**
   * Variables a registry entry may never set: the client's own {@code PATH} and {@code HOME}, and
   * those that change how node or the dynamic linker load code. Names starting with {@code LD_} are
   * refused as well.
   */
  public static final Set<String> RESERVED_VARIABLES =
      Set.of("PATH", "HOME", "NODE_OPTIONS", "NODE_PATH", "NODE_EXTRA_CA_CERTS");

  /** The registry type launched. */
  public static final String NPM = "npm";

  /** The transport launched. */
  public static final String STDIO = "stdio";

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** An exact version: digits first, then what semver allows; no ranges, tags or spaces. */
  private static final Pattern EXACT_VERSION =
      Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.+-]{1,64})?");

  private final LaunchSettings settings;
  private final ClientCapabilities clientCapabilities;

  /** A launcher installing and starting packages as {@code settings} say. */
  public PackageLauncher(LaunchSettings settings) {
    this(settings, ClientCapabilities.full());
  }

  /**
   * A launcher installing and starting packages as {@code settings} say, announcing {@code
   * clientCapabilities} to each.
   */
  public PackageLauncher(LaunchSettings settings, ClientCapabilities clientCapabilities) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.clientCapabilities =
        Objects.requireNonNull(clientCapabilities, "clientCapabilities == null");
  }

  /**
   * As {@link #launchAndCrawl(String, ServerPackage, List, Map, CrawlLimits, Sandbox)} with no
   * package arguments (server.json {@code packageArguments} are not in the catalogue's model).
   */
  public CrawlOutcome launchAndCrawl(
      String serverId,
      ServerPackage pkg,
      Map<String, String> secrets,
      CrawlLimits limits,
      Sandbox sandbox) {
    return launchAndCrawl(serverId, pkg, List.of(), secrets, limits, sandbox);
  }

  /**
   * As {@link #launchAndCrawl(String, ServerPackage, PackageLaunchOptions, Map, Map, CrawlLimits,
   * Sandbox)} with {@code packageArguments} as the only launch settings.
   */
  public CrawlOutcome launchAndCrawl(
      String serverId,
      ServerPackage pkg,
      List<String> packageArguments,
      Map<String, String> secrets,
      CrawlLimits limits,
      Sandbox sandbox) {
    Objects.requireNonNull(packageArguments, "packageArguments == null");
    return launchAndCrawl(
        serverId,
        pkg,
        new PackageLaunchOptions(packageArguments, Map.of(), Map.of()),
        secrets,
        Map.of(),
        limits,
        sandbox);
  }

  /**
   * Plans, installs, starts and crawls one package.
   *
   * @param serverId id of the server the package belongs to; never blank
   * @param pkg the package entry; launched only when npm, stdio (or no transport given) and pinned
   * @param options the user's launch settings of this package ({@link LaunchConfig}): arguments
   *     after the bin, variables (they win over the entry's defaults and placeholders, and supply
   *     its required secrets), files created in a fresh working directory; never null
   * @param secrets values the user supplied, by variable name; only those the package declares are
   *     passed; never null
   * @param userEnvironment where {@code fromEnv} values of {@code options} are read (mcprisk's own
   *     environment); never null
   * @param limits crawl bounds; never null
   * @param sandbox {@link Sandbox#detect()} (nothing is installed when it is unavailable) or {@link
   *     Sandbox#none()} (unsafe)
   * @return the crawl's outcome, or a failed one: {@code BLOCKED} (not npm/stdio, not pinned, bad
   *     name, sandbox unavailable), {@code NOT_INSTALLED} (a required secret is missing, a {@code
   *     fromEnv} variable is unset, node or npm absent, install failed, no bin, files not written);
   *     never null. Secret values are {@code [REDACTED]} in its reason, tools, server info and
   *     instructions
   */
  public CrawlOutcome launchAndCrawl(
      String serverId,
      ServerPackage pkg,
      PackageLaunchOptions options,
      Map<String, String> secrets,
      Map<String, String> userEnvironment,
      CrawlLimits limits,
      Sandbox sandbox) {
    Objects.requireNonNull(serverId, "serverId == null");
    Objects.requireNonNull(pkg, "pkg == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(secrets, "secrets == null");
    Objects.requireNonNull(userEnvironment, "userEnvironment == null");
    Objects.requireNonNull(limits, "limits == null");
    Objects.requireNonNull(sandbox, "sandbox == null");
    Instant at = Instant.now();
    Map<String, String> configured = new TreeMap<>();
    Set<String> configuredSecrets = new LinkedHashSet<>();
    for (Map.Entry<String, LaunchValue> e : options.env().entrySet()) {
      String value = e.getValue().resolve(userEnvironment);
      if (value == null) {
        return failed(
            serverId,
            CrawlStatus.NOT_INSTALLED,
            "launch settings: "
                + e.getKey()
                + " is read from the environment variable "
                + e.getValue().fromEnv()
                + ", which is not set",
            at);
      }
      configured.put(e.getKey(), value);
      if (e.getValue().secret()) {
        configuredSecrets.add(value);
      }
    }
    LaunchPlan plan = plan(pkg, secrets, configured, configuredSecrets);
    if (plan.refused()) {
      return failed(serverId, plan.refusedWith(), plan.reason(), at);
    }
    if (!sandbox.available()) {
      return failed(
          serverId,
          CrawlStatus.BLOCKED,
          "sandbox required but unavailable: " + sandbox.unavailableReason(),
          at);
    }
    if (settings.node() == null) {
      return failed(serverId, CrawlStatus.NOT_INSTALLED, "node is not on PATH", at);
    }
    InstallOutcome installed = install(pkg.identifier(), pkg.version());
    if (!installed.ok()) {
      // npm never sees the user's values, so its output cannot hold them.
      return failed(serverId, CrawlStatus.NOT_INSTALLED, installed.reason(), at);
    }
    Path bin;
    try {
      bin = findBin(installed.installDir(), pkg.identifier());
    } catch (IOException e) {
      return failed(serverId, CrawlStatus.NOT_INSTALLED, e.getMessage(), at);
    }
    Path workDir = null;
    try {
      if (!options.isEmpty()) {
        workDir = Files.createTempDirectory("mcprisk-work-");
        writeFiles(workDir, options.files());
      }
      StdioServerSpec spec =
          spec(serverId, installed.installDir(), bin, options.args(), plan, workDir);
      return StdioMcpClient.crawl(spec, limits, sandbox, plan.secretValues(), clientCapabilities);
    } catch (IOException e) {
      return failed(
          serverId,
          CrawlStatus.NOT_INSTALLED,
          "launch settings: cannot create the working directory or its files: " + e.getMessage(),
          at);
    } finally {
      if (workDir != null) {
        FileTrees.deleteQuietly(workDir);
      }
    }
  }

  /**
   * As {@link #plan(ServerPackage, Map, Map, Set)} with no launch settings.
   *
   * @param pkg the package entry
   * @param secrets user-supplied values by variable name
   * @return a plan or a refusal; never null
   */
  public static LaunchPlan plan(ServerPackage pkg, Map<String, String> secrets) {
    return plan(pkg, secrets, Map.of(), Set.of());
  }

  /**
   * Decides whether {@code pkg} may be launched and with which environment; installs nothing.
   *
   * @param pkg the package entry
   * @param secrets user-supplied values by variable name, passed only for variables the package
   *     declares
   * @param configured values from the user's launch settings of this package, by name (checked by
   *     {@link LaunchConfig}); all passed, winning over the entry's
   * @param configuredSecrets the values in {@code configured} that are secret
   * @return a plan or a refusal; never null
   */
  public static LaunchPlan plan(
      ServerPackage pkg,
      Map<String, String> secrets,
      Map<String, String> configured,
      Set<String> configuredSecrets) {
    Objects.requireNonNull(pkg, "pkg == null");
    Objects.requireNonNull(secrets, "secrets == null");
    Objects.requireNonNull(configured, "configured == null");
    Objects.requireNonNull(configuredSecrets, "configuredSecrets == null");
    if (!NPM.equalsIgnoreCase(pkg.registryType())) {
      return LaunchPlan.refused(
          CrawlStatus.BLOCKED,
          "only npm packages are launched, not " + Texts.quote(pkg.registryType(), 40));
    }
    if (pkg.transportType() != null && !STDIO.equalsIgnoreCase(pkg.transportType())) {
      return LaunchPlan.refused(
          CrawlStatus.BLOCKED,
          "only stdio packages are launched, not " + Texts.quote(pkg.transportType(), 40));
    }
    if (!NpmNames.isValid(pkg.identifier())) {
      return LaunchPlan.refused(
          CrawlStatus.BLOCKED, "not an npm package name: " + Texts.quote(pkg.identifier(), 80));
    }
    if (pkg.version() == null || !EXACT_VERSION.matcher(pkg.version()).matches()) {
      return LaunchPlan.refused(
          CrawlStatus.BLOCKED,
          "no pinned version (an exact x.y.z is required), got "
              + (pkg.version() == null ? "none" : Texts.quote(pkg.version(), 40)));
    }
    Map<String, String> environment = new TreeMap<>();
    Set<String> secretValues = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (EnvironmentVariable variable : pkg.environmentVariables()) {
      String name = variable.name();
      if (configured.containsKey(name)) {
        continue;
      }
      if (!VARIABLE_NAME.matcher(name).matches()) {
        notes.add("skipped variable with a bad name " + Texts.quote(name, 60));
        continue;
      }
      if (RESERVED_VARIABLES.contains(name) || name.toUpperCase(Locale.ROOT).startsWith("LD_")) {
        notes.add("skipped reserved variable " + name);
        continue;
      }
      String supplied = secrets.get(name);
      if (supplied != null) {
        environment.put(name, supplied);
        secretValues.add(supplied);
      } else if (variable.isSecret()) {
        if (variable.isRequired()) {
          missing.add(name);
        }
      } else if (variable.isRequired()) {
        environment.put(
            name, variable.defaultValue() != null ? variable.defaultValue() : PLACEHOLDER);
      }
    }
    environment.putAll(configured);
    secretValues.addAll(configuredSecrets);
    if (!missing.isEmpty()) {
      return LaunchPlan.refused(
          CrawlStatus.NOT_INSTALLED,
          "needs secret "
              + String.join(", ", missing)
              + " (not launched without it; supply the value to launch)");
    }
    return new LaunchPlan(null, "", environment, secretValues, notes);
  }

  /**
   * Installs {@code name@version} into {@code <cacheDir>/npm/<name with / as +>@<version>} unless
   * an earlier install finished there, with {@code npm install --ignore-scripts --no-audit
   * --no-fund --omit=dev --no-workspaces} from the configured registry (given to npm as {@code
   * npm_config_registry} in its environment, never on its command line), for at most {@link
   * LaunchSettings#installTimeout()}. npm runs in a fresh temporary folder beside the target, which
   * is renamed into place only when the install finished.
   *
   * <p>The folder is made a project with an empty {@value #INSTALL_MANIFEST} rather than named with
   * {@code --prefix}: npm takes a {@code --prefix} as the global prefix too, and would then read
   * its global config from {@code <folder>/etc/npmrc} instead of the machine's (its {@code cafile},
   * proxy, ...). So npm reads the same user and global config as the user's own {@code npm
   * install}. A failure because the registry's certificate is not trusted says so first, with npm's
   * error code ({@link #CERTIFICATE_ERRORS}).
   *
   * @param name a valid npm name
   * @param version an exact version
   * @return the outcome; never null, never throws for a failed install
   */
  public InstallOutcome install(String name, String version) {
    NpmNames.requireValid(name);
    if (version == null || !EXACT_VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("not an exact version: " + version);
    }
    long start = System.nanoTime();
    Path root = settings.cacheDir().resolve(NPM);
    Path target = root.resolve(installDirName(name, version));
    if (isInstalled(target, name, version)) {
      return new InstallOutcome(true, target, true, "reused " + target, 0);
    }
    if (settings.npm() == null) {
      return new InstallOutcome(false, target, false, "npm is not on PATH", 0);
    }
    Path temp = null;
    try {
      Files.createDirectories(root);
      temp = Files.createTempDirectory(root, ".install-");
      Files.writeString(temp.resolve(INSTALL_MANIFEST), "{\"private\": true}\n");
      ProcessResult result =
          Processes.run(
              npmInstall(name, version),
              temp,
              npmEnvironment(name),
              settings.installTimeout(),
              INSTALL_OUTPUT_BYTES);
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (result.timedOut()) {
        return new InstallOutcome(
            false,
            target,
            false,
            "npm install of "
                + name
                + "@"
                + version
                + " did not finish within "
                + settings.installTimeout().toSeconds()
                + " s",
            ms);
      }
      if (result.exitCode() != 0) {
        return new InstallOutcome(false, target, false, installFailure(name, version, result), ms);
      }
      String version2 = installedVersion(temp, name);
      if (!version.equals(version2)) {
        return new InstallOutcome(
            false,
            target,
            false,
            "npm install finished but " + name + " is " + (version2 == null ? "missing" : version2),
            ms);
      }
      Files.writeString(temp.resolve(INSTALLED_MARKER), name + "@" + version + "\n");
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        temp = null;
      } catch (IOException e) {
        // Another launch may have finished the same install first; else the target is stale.
        if (!isInstalled(target, name, version)) {
          FileTrees.delete(target);
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          temp = null;
        }
      }
      return new InstallOutcome(
          true,
          target,
          false,
          "installed " + name + "@" + version + " in " + target,
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      return new InstallOutcome(
          false,
          target,
          false,
          "cannot install " + name + "@" + version + " into " + root + ": " + e.getMessage(),
          (System.nanoTime() - start) / 1_000_000);
    } finally {
      if (temp != null) {
        FileTrees.deleteQuietly(temp);
      }
    }
  }

  /**
   * Why npm failed: its exit code and output tail, led by a certificate error when there is one.
   */
  private static String installFailure(String name, String version, ProcessResult result) {
    String what = "npm install of " + name + "@" + version + " failed";
    String output = result.outputTail();
    for (String code : CERTIFICATE_ERRORS) {
      if (output.contains(code)) {
        return what
            + ": the registry's TLS certificate is not trusted ("
            + code
            + "); npm honours cafile in your npmrc files and NODE_EXTRA_CA_CERTS; exit code "
            + result.exitCode()
            + ": "
            + output;
      }
    }
    return what + " with exit code " + result.exitCode() + ": " + output;
  }

  /** The install folder name: {@code @scope+name@1.2.3} for {@code @scope/name} 1.2.3. */
  public static String installDirName(String name, String version) {
    return NpmNames.requireValid(name).replace('/', '+') + "@" + version;
  }

  private List<String> npmInstall(String name, String version) {
    List<String> command = new ArrayList<>();
    command.add(settings.npm().toString());
    command.add("install");
    command.add("--ignore-scripts");
    command.add("--no-audit");
    command.add("--no-fund");
    command.add("--no-update-notifier");
    command.add("--omit=dev");
    command.add("--no-workspaces");
    command.add(name + "@" + version);
    return command;
  }

  /**
   * npm's environment: the settings' plus {@code npm_config_registry} (and the package scope's
   * registry), passed in the environment rather than on the command line so that credentials in a
   * registry URL never show in the process list.
   */
  private Map<String, String> npmEnvironment(String name) {
    Map<String, String> environment = new LinkedHashMap<>(settings.npmEnvironment());
    environment.keySet().removeIf(key -> key.equalsIgnoreCase("npm_config_registry"));
    environment.put("npm_config_registry", settings.registry().registry().toString());
    String scope = NpmNames.scope(name);
    if (scope != null && settings.registry().scopes().containsKey(scope)) {
      environment.put(
          "npm_config_" + scope + ":registry", settings.registry().scopes().get(scope).toString());
    }
    return environment;
  }

  private static boolean isInstalled(Path dir, String name, String version) {
    return Files.isRegularFile(dir.resolve(INSTALLED_MARKER))
        && version.equals(installedVersion(dir, name));
  }

  private static String installedVersion(Path dir, String name) {
    JsonNode manifest = manifest(dir.resolve("node_modules").resolve(name));
    return manifest == null ? null : Json.text(manifest, "version");
  }

  private static JsonNode manifest(Path packageDir) {
    Path file = packageDir.resolve("package.json");
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_MANIFEST_BYTES) {
        return null;
      }
      return Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The file {@code node} runs: package.json {@code bin} (a string, or the entry named like the
   * package without its scope, or the only or first entry), else {@code main}, else {@code
   * index.js}; it must be a file inside the install folder.
   *
   * @throws IOException naming what is missing or outside
   */
  static Path findBin(Path installDir, String name) throws IOException {
    Path packageDir = installDir.resolve("node_modules").resolve(name);
    JsonNode manifest = manifest(packageDir);
    if (manifest == null) {
      throw new IOException("cannot read package.json of " + name + " in " + installDir);
    }
    String relative = null;
    JsonNode bin = manifest.get("bin");
    if (bin != null && bin.isTextual()) {
      relative = bin.asText();
    } else if (bin != null && bin.isObject() && !bin.isEmpty()) {
      String unscoped = name.substring(name.indexOf('/') + 1);
      relative = Json.text(bin, unscoped);
      Iterator<JsonNode> values = bin.elements();
      while (relative == null && values.hasNext()) {
        JsonNode value = values.next();
        relative = value.isTextual() ? value.asText() : null;
      }
    }
    if (relative == null) {
      relative = Json.text(manifest, "main");
    }
    if (relative == null) {
      relative = "index.js";
    }
    Path root = installDir.toRealPath();
    Path file = packageDir.resolve(relative).normalize();
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          name + " has no bin to run: " + Texts.quote(relative, 120) + " is not a file");
    }
    Path real = file.toRealPath();
    if (!real.startsWith(root)) {
      throw new IOException(
          name + "'s bin " + Texts.quote(relative, 120) + " points outside its install folder");
    }
    return real;
  }

  /**
   * The server's start: {@code node <bin> <arguments>}; with a {@code workDir}, that is its working
   * directory, writable, and {@link PackageLaunchOptions#WORK_DIR} in the arguments and variables
   * becomes its path.
   */
  private StdioServerSpec spec(
      String serverId,
      Path installDir,
      Path bin,
      List<String> arguments,
      LaunchPlan plan,
      Path workDir) {
    Path node = NodeRuntime.realPath(settings.node());
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.add(bin.toString());
    Map<String, String> environment = new LinkedHashMap<>(plan.environment());
    if (workDir != null) {
      String dir = workDir.toAbsolutePath().toString();
      for (String argument : arguments) {
        command.add(argument.replace(PackageLaunchOptions.WORK_DIR, dir));
      }
      environment.replaceAll((name, value) -> value.replace(PackageLaunchOptions.WORK_DIR, dir));
    } else {
      command.addAll(arguments);
    }
    Path install = NodeRuntime.realPath(installDir);
    List<Path> readOnly = new ArrayList<>();
    readOnly.add(install);
    readOnly.add(NodeRuntime.installRoot(node));
    return new StdioServerSpec(
        serverId,
        command,
        environment,
        workDir,
        readOnly,
        workDir == null ? List.of() : List.of(workDir));
  }

  /** Creates {@code files} (checked relative paths, UTF-8 content) under {@code dir}. */
  private static void writeFiles(Path dir, Map<String, String> files) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IOException("path " + Texts.quote(file.getKey(), 80) + " leaves the directory");
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static CrawlOutcome failed(
      String serverId, CrawlStatus status, String reason, Instant at) {
    return CrawlOutcome.failed(serverId, status, reason, at, StdioMcpClient.METHOD, 0);
  }
}
