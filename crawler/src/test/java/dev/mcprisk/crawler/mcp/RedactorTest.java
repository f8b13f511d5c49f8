package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksEverySecretLongestFirstAndIgnoresTooShortValues() {
    Redactor redactor = new Redactor(List.of("abc", "abcdef", "x"));

    assertEquals(
        "key [REDACTED] and [REDACTED], x stays", redactor.redact("key abcdef and abc, x stays"));
  }

  @Test
  void aTargetsSecretValuesIncludeAuthorizationAndMarkedOnes() {
    ProbeTarget target =
        ProbeTarget.url("https://u:pw-123@example.com/mcp?key=1", ProbeTransport.AUTO)
            .withHeader("Authorization", "Bearer t0ken", false)
            .withHeader("X-Key", "k-999", true)
            .withHeader("X-Plain", "visible", false);

    assertEquals(java.util.Set.of("Bearer t0ken", "k-999", "pw-123"), target.secretValues());
    assertEquals("https://example.com/mcp", target.serverId());
  }

  @Test
  void aBearerTokenIsMaskedWithAndWithoutItsScheme() {
    Redactor redactor = new Redactor(List.of("Bearer t0ken-77"));

    assertEquals("[REDACTED] then [REDACTED]", redactor.redact("Bearer t0ken-77 then t0ken-77"));
  }

  @Test
  void aBasicCredentialIsMaskedEncodedDecodedAndAsItsPassword() {
    // "alice:pw-123" in base64.
    Redactor redactor = new Redactor(List.of("Basic YWxpY2U6cHctMTIz"));

    assertEquals(
        "[REDACTED] [REDACTED] [REDACTED] alice",
        redactor.redact("YWxpY2U6cHctMTIz alice:pw-123 pw-123 alice"));
  }

  @Test
  void aValueWithAnUnknownSchemeIsMaskedOnlyWhole() {
    Redactor redactor = new Redactor(List.of("hello world"));

    assertEquals("[REDACTED], world", redactor.redact("hello world, world"));
  }

  @Test
  void jsonStringsNumbersAndFieldNamesAreMaskedInACopy() throws Exception {
    Redactor redactor = new Redactor(List.of("s3cret", "424242"));
    com.fasterxml.jackson.databind.JsonNode node =
        dev.mcprisk.json.Json.parse(
            "{\"a\":\"x s3cret\",\"s3cret\":[424242,true,null],\"n\":{\"k\":1}}");

    assertEquals(
        "{\"a\":\"x [REDACTED]\",\"[REDACTED]\":[\"[REDACTED]\",true,null],\"n\":{\"k\":1}}",
        dev.mcprisk.json.Json.write(redactor.redact(node)));
    assertEquals("x s3cret", node.get("a").asText());
  }

  @Test
  void aCookiesPairValuesAreSecretsToo() {
    ProbeTarget target =
        ProbeTarget.url("https://example.com/mcp", ProbeTransport.AUTO)
            .withHeader("Cookie", "sid=abc-1; theme=dark", false);

    assertEquals(java.util.Set.of("sid=abc-1; theme=dark", "abc-1", "dark"), target.secretValues());
  }

  @Test
  void outputTailsDropTerminalEscapesAndEscapeControlAndFormatCharacters() {
    assertEquals(
        "red\\u0007 a\\u202Eb\nc\td\\u2028\\U000E0041",
        OutputTail.sanitise("\u001b[31mred\u0007 a\u202eb\r\nc\td\u2028\udb40\udc41"));
  }
}
