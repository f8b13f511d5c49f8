package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.model.CrawlStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRpcChannelTest {

  private static final long TIMEOUT = Duration.ofSeconds(1).toNanos();

  @Test
  void numbersRequestsFromOneAndMatchesNumericAndTextualIds() throws InterruptedException {
    ScriptedTransport transport =
        new ScriptedTransport(
            request -> {
              long id = request.get("id").asLong();
              String answerId = id == 1 ? "1" : "\"" + id + "\"";
              return List.of(result(answerId, "{\"n\":" + id + "}"));
            });
    JsonRpcChannel channel = channel(transport, CrawlLimits.defaults());

    RpcReply first = channel.request("a", Json.object(), TIMEOUT);
    RpcReply second = channel.request("b", Json.object(), TIMEOUT);

    assertEquals(1, first.result().get("n").asInt());
    assertEquals(2, second.result().get("n").asInt());
    assertEquals(1, transport.requests().get(0).get("id").asLong());
    assertEquals("2.0", transport.requests().get(1).get("jsonrpc").asText());
  }

  @Test
  void anAnswerToAnUnknownIdIsAProtocolError() throws InterruptedException {
    JsonRpcChannel channel =
        channel(new ScriptedTransport(request -> List.of(result("7", "{}"))), defaults());

    RpcReply reply = channel.request("tools/list", Json.object(), TIMEOUT);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, reply.failure().status());
    assertEquals("answer with id 7 while waiting for id 1", reply.failure().reason());
  }

  @Test
  void aLateAnswerToARequestGivenUpOnIsSkipped() throws InterruptedException {
    ScriptedTransport transport =
        new ScriptedTransport(
            request ->
                request.get("id").asLong() == 1
                    ? List.of()
                    : List.of(result("1", "{\"late\":true}"), result("2", "{\"n\":2}")));
    JsonRpcChannel channel = channel(transport, defaults());

    RpcReply timedOut = channel.request("a", Json.object(), TIMEOUT);
    RpcReply answered = channel.request("b", Json.object(), TIMEOUT);

    assertTrue(timedOut.timedOut());
    assertEquals(2, answered.result().get("n").asInt());
  }

  @Test
  void aNonObjectErrorIsWrappedAsItsMessage() throws InterruptedException {
    JsonRpcChannel channel =
        channel(
            new ScriptedTransport(
                request -> List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"boom\"}")),
            defaults());

    RpcReply reply = channel.request("a", Json.object(), TIMEOUT);

    assertEquals("{\"message\":\"boom\"}", Json.write(reply.error()));
  }

  @Test
  void serverRequestsAreAnsweredByWhatWasAnnouncedAndCounted() throws InterruptedException {
    ScriptedTransport transport =
        new ScriptedTransport(
            request ->
                List.of(
                    serverRequest(101, "roots/list"),
                    serverRequest(102, "sampling/createMessage"),
                    serverRequest(103, "elicitation/create"),
                    serverRequest(104, "ping"),
                    serverRequest(105, "tools/call"),
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}",
                    result("1", "{}")));
    JsonRpcChannel channel = channel(transport, defaults());
    ObjectNode announced = Json.object();
    announced.putObject("roots");
    announced.putObject("sampling");
    channel.announce(announced);

    assertNotNull(channel.request("a", Json.object(), TIMEOUT).result());

    List<String> answers = new ArrayList<>();
    for (ObjectNode answer : transport.answers()) {
      answer.remove("jsonrpc");
      answers.add(Json.write(answer));
    }
    assertEquals(
        List.of(
            "{\"id\":101,\"result\":{\"roots\":[]}}",
            "{\"id\":102,\"error\":{\"code\":-1,\"message\":\"User rejected sampling request\"}}",
            "{\"id\":103,\"error\":{\"code\":-32601,"
                + "\"message\":\"Method not found: elicitation not announced\"}}",
            "{\"id\":104,\"result\":{}}",
            "{\"id\":105,\"error\":{\"code\":-32601,"
                + "\"message\":\"Method not found: this client only lists tools\"}}"),
        answers);
    assertEquals(
        Map.of(
            "roots/list", 1,
            "sampling/createMessage", 1,
            "elicitation/create", 1,
            "ping", 1,
            "other", 1),
        channel.serverRequests());
    assertEquals(List.of(), channel.notes());
  }

  @Test
  void anElicitationIsDeclinedWhenAnnounced() throws InterruptedException {
    ScriptedTransport transport =
        new ScriptedTransport(
            request -> List.of(serverRequest(9, "elicitation/create"), result("1", "{}")));
    JsonRpcChannel channel = channel(transport, defaults());
    ObjectNode announced = Json.object();
    announced.putObject("elicitation");
    channel.announce(announced);

    channel.request("a", Json.object(), TIMEOUT);

    assertEquals("{\"action\":\"decline\"}", Json.write(transport.answers().get(0).get("result")));
  }

  @Test
  void serverRequestsPastTheCapAreCountedButNotAnswered() throws InterruptedException {
    int cap = ClientCapabilities.MAX_ANSWERED_SERVER_REQUESTS;
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < cap + 3; i++) {
      batch.append(serverRequest(1000 + i, "ping")).append(',');
    }
    batch.append(result("1", "{}")).append(']');
    ScriptedTransport transport = new ScriptedTransport(request -> List.of(batch.toString()));
    JsonRpcChannel channel = channel(transport, defaults());

    assertNotNull(channel.request("a", Json.object(), TIMEOUT).result());

    assertEquals(cap, transport.answers().size());
    assertEquals(Map.of("ping", cap + 3), channel.serverRequests());
    assertEquals(
        List.of("answered the server's first " + cap + " requests; 3 more left unanswered"),
        channel.notes());
  }

  @Test
  void aBatchGivesTheAnswerAndStillAnswersTheRequestsAfterIt() throws InterruptedException {
    ScriptedTransport transport =
        new ScriptedTransport(
            request ->
                List.of("[" + result("1", "{\"ok\":1}") + "," + serverRequest(5, "ping") + "]"));
    JsonRpcChannel channel = channel(transport, defaults());

    RpcReply reply = channel.request("a", Json.object(), TIMEOUT);

    assertEquals(1, reply.result().get("ok").asInt());
    assertEquals(1, transport.answers().size());
  }

  @Test
  void anEmptyBatchIsAProtocolError() throws InterruptedException {
    JsonRpcChannel channel = channel(new ScriptedTransport(request -> List.of("[]")), defaults());

    RpcReply reply = channel.request("a", Json.object(), TIMEOUT);

    assertEquals(CrawlStatus.PROTOCOL_ERROR, reply.failure().status());
  }

  @Test
  void noiseLinesAreCountedUpToTheLimit() throws InterruptedException {
    CrawlLimits d = defaults();
    CrawlLimits twoNoiseLines =
        new CrawlLimits(
            d.startupTimeout(),
            d.requestTimeout(),
            d.totalTimeout(),
            d.maxMessageBytes(),
            d.maxTotalBytes(),
            d.maxPages(),
            d.maxTools(),
            d.connectTimeout(),
            d.maxJsonDepth(),
            d.maxSseEventBytes(),
            d.maxStderrBytes(),
            2);
    JsonRpcChannel tolerated =
        channel(
            new ScriptedTransport(request -> List.of("hello", "", "world", result("1", "{}"))),
            twoNoiseLines);
    JsonRpcChannel tooNoisy =
        channel(
            new ScriptedTransport(request -> List.of("a", "b", "c", result("1", "{}"))),
            twoNoiseLines);

    assertNotNull(tolerated.request("a", Json.object(), TIMEOUT).result());
    RpcReply noisy = tooNoisy.request("a", Json.object(), TIMEOUT);

    assertEquals(List.of("2 non-JSON stdout line(s) ignored"), tolerated.notes());
    assertEquals("more than 2 non-JSON lines", noisy.failure().reason());
  }

  @Test
  void theStampIsCopiedIntoEveryRequestsMeta() throws InterruptedException {
    ScriptedTransport transport =
        new ScriptedTransport(request -> List.of(result(request.get("id").toString(), "{}")));
    JsonRpcChannel channel = channel(transport, defaults());
    ObjectNode meta = Json.object();
    meta.put("k", "v");

    channel.stamp(meta);
    ObjectNode params = Json.object();
    params.put("cursor", "c");
    channel.request("a", params, TIMEOUT);
    channel.stamp(null);
    channel.request("b", Json.object(), TIMEOUT);

    assertEquals(
        "{\"cursor\":\"c\",\"_meta\":{\"k\":\"v\"}}",
        Json.write(transport.requests().get(0).get("params")));
    assertEquals("{}", Json.write(transport.requests().get(1).get("params")));
  }

  @Test
  void aNotificationHasNoIdAndNoParams() throws InterruptedException {
    ScriptedTransport transport = new ScriptedTransport(request -> List.of());
    JsonRpcChannel channel = channel(transport, defaults());

    assertNull(channel.notify("notifications/initialized"));

    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        Json.write(transport.sent.get(0)));
  }

  @Test
  void aTimeoutNamesTheRequestAndItsTimeoutInMilliseconds() throws InterruptedException {
    JsonRpcChannel channel = channel(new ScriptedTransport(request -> List.of()), defaults());

    RpcReply reply = channel.request("tools/list", Json.object(), TIMEOUT);
    Verdict verdict = channel.failure(reply, "tools/list", TIMEOUT);

    assertEquals(CrawlStatus.TIMEOUT, verdict.status());
    assertEquals("no answer to tools/list within 1000 ms", verdict.reason());
    assertEquals("tools/list", verdict.method());
  }

  private static CrawlLimits defaults() {
    return CrawlLimits.defaults();
  }

  private static JsonRpcChannel channel(ScriptedTransport transport, CrawlLimits limits) {
    return new JsonRpcChannel(
        transport, limits, System.nanoTime() + Duration.ofMinutes(1).toNanos());
  }

  private static String result(String id, String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
  }

  private static String serverRequest(int id, String method) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"}";
  }
}
