package dev.mcprisk.crawler.packages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-package launch settings the user keeps in a JSON file ({@code <home>/}{@value #FILE_NAME}, or
 * {@code --launch-config FILE}), for packages whose registry entry does not say how to start them
 * (a {@code start} subcommand, a token, a config file):
 *
 * <pre>{@code
 * {
 *   "packages": {
 *     "npm:@modelcontextprotocol/server-filesystem": {
 *       "args": ["${WORK_DIR}/data"],
 *       "files": {"data/README.md": "files the server may list"}
 *     },
 *     "npm:some-server": {
 *       "args": ["start", "--stdio"],
 *       "env": {
 *         "LOG_LEVEL": "error",
 *         "API_TOKEN": {"fromEnv": "SOME_SERVER_TOKEN"},
 *         "API_SECRET": {"value": "kept only in this file", "secret": true}
 *       }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Keys are server ids of npm packages, {@code npm:<package name>} (only npm packages are
 * launched). {@code args} follow the package's bin. {@code env} values are a string, {@code
 * {"value": ..., "secret": true|false}}, or {@code {"fromEnv": NAME}} (read from mcprisk's own
 * environment when the package is launched; always secret). Secret values go only to that package's
 * server and are replaced by {@code [REDACTED]} in every reason and stored tool; they are never
 * printed, logged or stored. {@code files} maps a path relative to the server's working directory
 * (a fresh folder per launch, deleted afterwards) to its UTF-8 content, created before the server
 * starts. {@value PackageLaunchOptions#WORK_DIR} in an argument or a literal value becomes that
 * folder's absolute path.
 *
 * <p>Rules, each a {@link LaunchConfigException} naming the file and the key (never a value): the
 * file is at most {@value #MAX_FILE_BYTES} bytes of JSON; unknown fields are errors (a typo must
 * not be ignored); at most {@value #MAX_PACKAGES} packages, {@value #MAX_ARGS} arguments of at most
 * {@value #MAX_VALUE_CHARS} chars, {@value #MAX_ENV} variables with values of at most {@value
 * #MAX_VALUE_CHARS} chars, and {@value #MAX_FILES} files of at most {@value
 * #MAX_FILE_CONTENT_BYTES} bytes each per package; variable names match {@code
 * [A-Za-z_][A-Za-z0-9_]*} and are not {@link PackageLauncher#RESERVED_VARIABLES} or {@code LD_*};
 * paths are relative, at most {@value #MAX_PATH_CHARS} chars, without {@code .}, {@code ..} or
 * empty segments, backslashes or control characters.
 *
 * <p>Immutable and thread-safe.
 */
public final class LaunchConfig {
  /** Name of the default file in the data home. */
  public static final String FILE_NAME = "launch.json";

  /** Largest launch settings file read: 1 MiB. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  /** Most packages in one file. */
  public static final int MAX_PACKAGES = 1_000;

  /** Most arguments of one package. */
  public static final int MAX_ARGS = 64;

  /** Most environment variables of one package. */
  public static final int MAX_ENV = 64;

  /** Longest argument or variable value, in chars: 16,384. */
  public static final int MAX_VALUE_CHARS = 16 * 1024;

  /** Most files of one package. */
  public static final int MAX_FILES = 32;

  /** Largest content of one file, in UTF-8 bytes: 256 KiB. */
  public static final int MAX_FILE_CONTENT_BYTES = 256 * 1024;

  /** Longest file path, in chars. */
  public static final int MAX_PATH_CHARS = 255;

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Set<String> TOP_FIELDS = Set.of("packages");
  private static final Set<String> PACKAGE_FIELDS = Set.of("args", "env", "files");
  private static final Set<String> VALUE_FIELDS = Set.of("value", "secret");
  private static final Set<String> FROM_ENV_FIELDS = Set.of("fromEnv");

  private static final LaunchConfig EMPTY = new LaunchConfig("(none)", Map.of());

  private final String origin;
  private final Map<String, PackageLaunchOptions> packages;

  private LaunchConfig(String origin, Map<String, PackageLaunchOptions> packages) {
    this.origin = origin;
    this.packages = Collections.unmodifiableMap(new LinkedHashMap<>(packages));
  }

  /** No settings: every package starts with no arguments, variables or files. */
  public static LaunchConfig empty() {
    return EMPTY;
  }

  /**
   * Reads and checks {@code file}.
   *
   * @throws LaunchConfigException when it cannot be read, is over {@link #MAX_FILE_BYTES}, is not
   *     JSON, or breaks a rule (message names the file and key)
   */
  public static LaunchConfig read(Path file) throws LaunchConfigException {
    Objects.requireNonNull(file, "file == null");
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new LaunchConfigException(
            file + ": " + size + " bytes, over the limit of " + MAX_FILE_BYTES);
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LaunchConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Checks {@code text}, a launch settings file's content.
   *
   * @param origin the file's name for messages
   * @throws LaunchConfigException when it is not JSON or breaks a rule
   */
  public static LaunchConfig parse(String text, String origin) throws LaunchConfigException {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(origin, "origin == null");
    if (text.length() > MAX_FILE_BYTES) {
      throw new LaunchConfigException(origin + ": over the limit of " + MAX_FILE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new LaunchConfigException(
          origin
              + ": not JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          e);
    }
    Check check = new Check(origin);
    check.object(root, "the file");
    check.fields(root, TOP_FIELDS, "the file");
    JsonNode list = root.get("packages");
    Map<String, PackageLaunchOptions> packages = new LinkedHashMap<>();
    if (list != null) {
      check.object(list, "packages");
      if (list.size() > MAX_PACKAGES) {
        throw check.fail("packages", list.size() + " packages, over the limit of " + MAX_PACKAGES);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        packages.put(e.getKey(), check.pkg(e.getKey(), e.getValue()));
      }
    }
    return new LaunchConfig(origin, packages);
  }

  /** The settings of {@code serverId}, or {@link PackageLaunchOptions#NONE}. */
  public PackageLaunchOptions forServer(String serverId) {
    return packages.getOrDefault(serverId, PackageLaunchOptions.NONE);
  }

  /** The server ids that have settings, in file order. */
  public Set<String> serverIds() {
    return packages.keySet();
  }

  /** Where the settings came from (a path, or {@code (none)}). */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "LaunchConfig[" + origin + ", " + packages.size() + " packages]";
  }

  /** The rules, with messages naming the file and the key. */
  private record Check(String origin) {
    LaunchConfigException fail(String where, String problem) {
      return new LaunchConfigException(origin + ": " + where + ": " + problem);
    }

    void object(JsonNode node, String where) throws LaunchConfigException {
      if (node == null || !node.isObject()) {
        throw fail(where, "must be a JSON object");
      }
    }

    void fields(JsonNode node, Set<String> allowed, String where) throws LaunchConfigException {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw fail(
              where,
              "unknown field "
                  + Texts.quote(name, 60)
                  + " (allowed: "
                  + String.join(", ", allowed.stream().sorted().toList())
                  + ")");
        }
      }
    }

    PackageLaunchOptions pkg(String key, JsonNode node) throws LaunchConfigException {
      String where = "packages." + Texts.quote(key, 120);
      if (!key.startsWith("npm:")) {
        throw fail(
            where,
            "a key is a server id of an npm package, npm:<package name> (only npm packages are"
                + " launched)");
      }
      if (!NpmNames.isValid(key.substring("npm:".length()))) {
        throw fail(where, "not an npm package name after npm:");
      }
      object(node, where);
      fields(node, PACKAGE_FIELDS, where);
      return new PackageLaunchOptions(
          args(node.get("args"), where + ".args"),
          env(node.get("env"), where + ".env"),
          files(node.get("files"), where + ".files"));
    }

    List<String> args(JsonNode node, String where) throws LaunchConfigException {
      List<String> args = new ArrayList<>();
      if (node == null) {
        return args;
      }
      if (!node.isArray()) {
        throw fail(where, "must be a list of strings");
      }
      if (node.size() > MAX_ARGS) {
        throw fail(where, node.size() + " arguments, over the limit of " + MAX_ARGS);
      }
      for (int i = 0; i < node.size(); i++) {
        args.add(text(node.get(i), where + "[" + i + "]"));
      }
      return args;
    }

    Map<String, LaunchValue> env(JsonNode node, String where) throws LaunchConfigException {
      Map<String, LaunchValue> env = new LinkedHashMap<>();
      if (node == null) {
        return env;
      }
      object(node, where);
      if (node.size() > MAX_ENV) {
        throw fail(where, node.size() + " variables, over the limit of " + MAX_ENV);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        String at = where + "." + Texts.quote(name, 60);
        if (!VARIABLE_NAME.matcher(name).matches()) {
          throw fail(at, "not a variable name ([A-Za-z_][A-Za-z0-9_]*, at most 128 chars)");
        }
        if (PackageLauncher.RESERVED_VARIABLES.contains(name)
            || name.toUpperCase(Locale.ROOT).startsWith("LD_")) {
          throw fail(at, "a reserved variable, never set for a server");
        }
        env.put(name, value(e.getValue(), at));
      }
      return env;
    }

    LaunchValue value(JsonNode node, String where) throws LaunchConfigException {
      if (node.isTextual()) {
        return LaunchValue.plain(text(node, where));
      }
      if (!node.isObject()) {
        throw fail(
            where, "must be a string, {\"value\": ..., \"secret\": true} or {\"fromEnv\": NAME}");
      }
      if (node.has("fromEnv")) {
        fields(node, FROM_ENV_FIELDS, where);
        String name = text(node.get("fromEnv"), where + ".fromEnv");
        if (!VARIABLE_NAME.matcher(name).matches()) {
          throw fail(where + ".fromEnv", "not a variable name");
        }
        return new LaunchValue(null, name, true);
      }
      fields(node, VALUE_FIELDS, where);
      JsonNode secret = node.get("secret");
      if (secret != null && !secret.isBoolean()) {
        throw fail(where + ".secret", "must be true or false");
      }
      if (!node.has("value")) {
        throw fail(where, "needs \"value\" or \"fromEnv\"");
      }
      return new LaunchValue(
          text(node.get("value"), where + ".value"), null, secret != null && secret.asBoolean());
    }

    Map<String, String> files(JsonNode node, String where) throws LaunchConfigException {
      Map<String, String> files = new LinkedHashMap<>();
      if (node == null) {
        return files;
      }
      object(node, where);
      if (node.size() > MAX_FILES) {
        throw fail(where, node.size() + " files, over the limit of " + MAX_FILES);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = where + "." + Texts.quote(e.getKey(), 80);
        path(e.getKey(), at);
        if (!e.getValue().isTextual()) {
          throw fail(at, "the content must be a string");
        }
        String content = e.getValue().asText();
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_CONTENT_BYTES) {
          throw fail(at, bytes + " bytes of content, over the limit of " + MAX_FILE_CONTENT_BYTES);
        }
        files.put(e.getKey(), content);
      }
      return files;
    }

    void path(String path, String where) throws LaunchConfigException {
      if (path.isEmpty() || path.length() > MAX_PATH_CHARS) {
        throw fail(where, "a path has 1 to " + MAX_PATH_CHARS + " chars");
      }
      if (path.startsWith("/") || path.startsWith("~")) {
        throw fail(where, "must be relative to the server's working directory, not absolute");
      }
      if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '\\')) {
        throw fail(where, "control characters and backslashes are not allowed in a path");
      }
      for (String segment : path.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          throw fail(where, "must stay inside the working directory: no empty, . or .. segments");
        }
      }
    }

    String text(JsonNode node, String where) throws LaunchConfigException {
      if (node == null || !node.isTextual()) {
        throw fail(where, "must be a string");
      }
      String s = node.asText();
      if (s.length() > MAX_VALUE_CHARS) {
        throw fail(where, s.length() + " chars, over the limit of " + MAX_VALUE_CHARS);
      }
      if (s.indexOf('\0') >= 0) {
        throw fail(where, "a NUL character cannot be passed to a process");
      }
      return s;
    }
  }
}
