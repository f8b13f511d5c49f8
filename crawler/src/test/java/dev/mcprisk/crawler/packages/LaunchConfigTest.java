package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchConfigTest {
  private static final String ORIGIN = "launch.json";

  @TempDir Path temp;

  @Test
  void readsArgumentsVariablesAndFilesByServerId() throws Exception {
    LaunchConfig config =
        LaunchConfig.parse(
            """
            {"packages": {
              "npm:@scope/server": {
                "args": ["start", "${WORK_DIR}/data"],
                "env": {
                  "LOG_LEVEL": "error",
                  "API_TOKEN": {"fromEnv": "MY_TOKEN"},
                  "API_SECRET": {"value": "kept-here", "secret": true},
                  "MODE": {"value": "fast", "secret": false}
                },
                "files": {"data/config.json": "{}", "notes.txt": "hi"}
              }
            }}
            """,
            ORIGIN);

    PackageLaunchOptions options = config.forServer("npm:@scope/server");
    assertEquals(List.of("start", "${WORK_DIR}/data"), options.args());
    assertEquals(
        Map.of(
            "LOG_LEVEL",
            LaunchValue.plain("error"),
            "API_TOKEN",
            new LaunchValue(null, "MY_TOKEN", true),
            "API_SECRET",
            new LaunchValue("kept-here", null, true),
            "MODE",
            LaunchValue.plain("fast")),
        options.env());
    assertEquals(Map.of("data/config.json", "{}", "notes.txt", "hi"), options.files());
    assertEquals(PackageLaunchOptions.NONE, config.forServer("npm:other"));
    assertFalse(options.toString().contains("kept-here"), options.toString());
    assertFalse(options.env().get("API_SECRET").toString().contains("kept-here"));
  }

  @Test
  void aFromEnvValueIsReadWhenLaunchedAndIsAlwaysSecret() {
    LaunchValue value = new LaunchValue(null, "MY_TOKEN", false);

    assertTrue(value.secret());
    assertEquals("abc", value.resolve(Map.of("MY_TOKEN", "abc")));
    assertEquals(null, value.resolve(Map.of()));
  }

  @Test
  void anEmptyFileOrNoPackagesIsNoSettings() throws Exception {
    assertEquals(0, LaunchConfig.parse("{}", ORIGIN).serverIds().size());
    assertEquals(0, LaunchConfig.parse("{\"packages\": {}}", ORIGIN).serverIds().size());
  }

  @Test
  void aKeyThatIsNotAnNpmServerIdIsRejected() {
    assertEquals(
        "launch.json: packages.'pypi:mcp-server-fetch': a key is a server id of an npm package,"
            + " npm:<package name> (only npm packages are launched)",
        error("{\"packages\": {\"pypi:mcp-server-fetch\": {}}}"));
    assertEquals(
        "launch.json: packages.'npm:../evil': not an npm package name after npm:",
        error("{\"packages\": {\"npm:../evil\": {}}}"));
  }

  @Test
  void pathsMustStayInsideTheWorkingDirectory() {
    assertEquals(
        "launch.json: packages.'npm:x'.files.'/etc/passwd': must be relative to the server's"
            + " working directory, not absolute",
        error(files("/etc/passwd")));
    assertEquals(
        "launch.json: packages.'npm:x'.files.'data/../../x': must stay inside the working"
            + " directory: no empty, . or .. segments",
        error(files("data/../../x")));
    assertEquals(
        "launch.json: packages.'npm:x'.files.'a//b': must stay inside the working directory:"
            + " no empty, . or .. segments",
        error(files("a//b")));
    assertTrue(
        error(files("a\\\\b"))
            .endsWith("control characters and backslashes are not allowed in a path"));
  }

  @Test
  void limitsHaveNamesAndTheMessageSaysWhichWasPassed() {
    String big = "x".repeat(LaunchConfig.MAX_FILE_CONTENT_BYTES + 1);
    assertEquals(
        "launch.json: packages.'npm:x'.files.'big.txt': 262145 bytes of content, over the"
            + " limit of 262144",
        error("{\"packages\": {\"npm:x\": {\"files\": {\"big.txt\": \"" + big + "\"}}}}"));
    String args = "\"a\",".repeat(LaunchConfig.MAX_ARGS) + "\"a\"";
    assertEquals(
        "launch.json: packages.'npm:x'.args: 65 arguments, over the limit of 64",
        error("{\"packages\": {\"npm:x\": {\"args\": [" + args + "]}}}"));
  }

  @Test
  void reservedOrBadVariableNamesAndUnknownFieldsAreRejected() {
    assertEquals(
        "launch.json: packages.'npm:x'.env.'NODE_OPTIONS': a reserved variable, never set for a"
            + " server",
        error("{\"packages\": {\"npm:x\": {\"env\": {\"NODE_OPTIONS\": \"--require x\"}}}}"));
    assertEquals(
        "launch.json: packages.'npm:x'.env.'LD_PRELOAD': a reserved variable, never set for a"
            + " server",
        error("{\"packages\": {\"npm:x\": {\"env\": {\"LD_PRELOAD\": \"x.so\"}}}}"));
    assertEquals(
        "launch.json: packages.'npm:x'.env.'1X': not a variable name ([A-Za-z_][A-Za-z0-9_]*,"
            + " at most 128 chars)",
        error("{\"packages\": {\"npm:x\": {\"env\": {\"1X\": \"v\"}}}}"));
    assertEquals(
        "launch.json: packages.'npm:x': unknown field 'arg' (allowed: args, env, files)",
        error("{\"packages\": {\"npm:x\": {\"arg\": []}}}"));
    assertEquals(
        "launch.json: the file: unknown field 'npm:x' (allowed: packages)",
        error("{\"npm:x\": {}}"));
  }

  @Test
  void aMessageNeverShowsAValue() {
    String message =
        error(
            "{\"packages\": {\"npm:x\": {\"env\": {\"T\": {\"value\": \"hunter2-secret\","
                + " \"secret\": \"yes\"}}}}}");

    assertEquals("launch.json: packages.'npm:x'.env.'T'.secret: must be true or false", message);
    assertFalse(message.contains("hunter2"));
  }

  @Test
  void notJsonSaysWhere() {
    assertEquals("launch.json: not JSON (line 2, column 1)", error("{\"packages\":\n}"));
  }

  @Test
  void aFileOverTheLimitIsNotRead() throws Exception {
    Path file = temp.resolve("launch.json");
    Files.writeString(file, " ".repeat((int) LaunchConfig.MAX_FILE_BYTES + 1));

    LaunchConfigException e =
        assertThrows(LaunchConfigException.class, () -> LaunchConfig.read(file));

    assertEquals(file + ": 1048577 bytes, over the limit of 1048576", e.getMessage());
  }

  private static String files(String path) {
    return "{\"packages\": {\"npm:x\": {\"files\": {\"" + path + "\": \"content\"}}}}";
  }

  private static String error(String json) {
    return assertThrows(LaunchConfigException.class, () -> LaunchConfig.parse(json, ORIGIN))
        .getMessage();
  }
}
