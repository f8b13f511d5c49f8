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
}
