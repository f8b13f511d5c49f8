package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mcprisk probe} through the real jar against servers that echo the user's secret: a
 * loopback HTTP server (in its 401 challenge, serverInfo and tool description) and a stdio server
 * (../crawler/src/test/resources/mcp/echo-server.js). Text and JSON output hold no secret; values
 * given with {@code --env} are not secrets, those given with {@code --secret-env} are.
 */
class ProbeSecretsIT {

  private static final String TOKEN = "tok-cli-8080x";
  private static final Path ECHO_SERVER =
      Path.of("../crawler/src/test/resources/mcp/echo-server.js").toAbsolutePath().normalize();

  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/protected",
        e -> {
          e.getRequestBody().readAllBytes();
          e.getResponseHeaders()
              .add(
                  "WWW-Authenticate",
                  "Bearer resource_metadata=\"https://auth.example/meta?t="
                      + TOKEN
                      + "\", scope=\"read "
                      + TOKEN
                      + "\"");
          e.sendResponseHeaders(401, -1);
          e.close();
        });
    server.createContext("/mcp", ProbeSecretsIT::echoingServer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aTokenEchoedInTheChallengeNeverReachesTextOrJsonOutput() throws Exception {
    for (Output output : probeBoth("/protected")) {
      assertEquals(3, output.result.exitCode(), output.all());
      assertTrue(output.result.stdout().contains("AUTH_REQUIRED"), output.all());
      assertTrue(output.result.stdout().contains("[REDACTED]"), output.all());
      assertFalse(output.all().contains(TOKEN), output.all());
    }
    JsonNode json = Json.parse(probe(true, "/protected").stdout());
    assertEquals(
        "https://auth.example/meta?t=[REDACTED]",
        json.get("auth").get("resourceMetadata").asText());
    assertEquals("[REDACTED]", json.get("auth").get("scopes").get(1).asText());
  }

  @Test
  void aTokenEchoedInServerInfoAndAToolNeverReachesTextOrJsonOutput() throws Exception {
    for (Output output : probeBoth("/mcp")) {
      assertEquals(0, output.result.exitCode(), output.all());
      assertTrue(output.result.stdout().contains("[REDACTED]"), output.all());
      assertFalse(output.all().contains(TOKEN), output.all());
    }
    JsonNode json = Json.parse(probe(true, "/mcp").stdout());
    assertEquals("echo [REDACTED]", json.get("server").get("name").asText());
    assertEquals("uses [REDACTED]", json.get("tools").get(0).get("description").asText());
  }

  @Test
  void envValuesArePlainAndSecretEnvValuesAreMasked() throws Exception {
    Assumptions.assumeTrue(ECHO_SERVER.toFile().isFile(), "missing " + ECHO_SERVER);
    for (boolean json : new boolean[] {true, false}) {
      List<String> args = new ArrayList<>(List.of("probe"));
      if (json) {
        args.add("--json");
      }
      args.addAll(
          List.of(
              "--no-sandbox",
              "--env",
              "ENABLE_LOGGING=true",
              "--secret-env",
              "TOKEN=abc123",
              "--",
              "node",
              ECHO_SERVER.toString(),
              "echo"));
      CliProcess.Result result = CliProcess.run(args.toArray(String[]::new));
      String all = result.stdout() + result.stderr();

      assertEquals(0, result.exitCode(), all);
      assertTrue(result.stdout().contains("tool_[REDACTED]_true"), all);
      if (json) {
        assertTrue(result.stdout().contains("TOKEN=[REDACTED] ENABLE_LOGGING=true"), all);
      }
      assertFalse(all.contains("abc123"), all);
    }
  }

  @Test
  void envAndSecretEnvAreDescribedInHelp() throws Exception {
    CliProcess.Result result = CliProcess.run("probe", "--help");

    String help = result.stdout().replaceAll("\\s+", " ");
    assertTrue(help.contains("--secret-env=NAME=VALUE"), help);
    assertTrue(help.contains("Values are not treated as secrets"), help);
    assertTrue(help.contains("sent only to the origin (scheme, host, port)"), help);
  }

  // ---- helpers ----

  private record Output(CliProcess.Result result) {
    String all() {
      return result.stdout() + result.stderr();
    }
  }

  private List<Output> probeBoth(String path) throws Exception {
    return List.of(new Output(probe(true, path)), new Output(probe(false, path)));
  }

  private CliProcess.Result probe(boolean json, String path) throws Exception {
    List<String> args = new ArrayList<>(List.of("probe"));
    if (json) {
      args.add("--json");
    }
    args.addAll(
        List.of(
            "--transport",
            "http",
            "--allow-private-network",
            "--header",
            "Authorization=Bearer " + TOKEN,
            "http://127.0.0.1:" + server.getAddress().getPort() + path));
    return CliProcess.run(args.toArray(String[]::new));
  }

  /** A legacy (2025-06-18) Streamable HTTP server that names itself and its tool after TOKEN. */
  private static void echoingServer(HttpExchange e) throws IOException {
    String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!e.getRequestMethod().equals("POST")) {
      e.sendResponseHeaders(200, -1);
      e.close();
      return;
    }
    JsonNode message = Json.parse(body);
    String method = message.path("method").asText();
    ObjectNode result = Json.object();
    if (method.equals("initialize")) {
      result.put("protocolVersion", "2025-06-18");
      result.putObject("capabilities").putObject("tools");
      result.putObject("serverInfo").put("name", "echo " + TOKEN).put("version", "1");
    } else if (method.equals("tools/list")) {
      ObjectNode tool = result.putArray("tools").addObject();
      tool.put("name", "lookup").put("description", "uses " + TOKEN);
      tool.putObject("inputSchema").put("type", "object");
    } else if (!message.hasNonNull("id") || !method.equals("server/discover")) {
      e.sendResponseHeaders(202, -1);
      e.close();
      return;
    }
    ObjectNode reply = Json.object().put("jsonrpc", "2.0");
    reply.set("id", message.get("id"));
    int code = 200;
    if (method.equals("server/discover")) {
      code = 400;
      reply.putNull("id");
      reply.putObject("error").put("code", -32000).put("message", "Bad Request: not initialized");
    } else {
      reply.set("result", result);
    }
    byte[] bytes = Json.write(reply).getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", "application/json");
    e.sendResponseHeaders(code, bytes.length);
    e.getResponseBody().write(bytes);
    e.close();
  }
}
