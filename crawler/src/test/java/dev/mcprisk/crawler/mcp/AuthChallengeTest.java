package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void readsResourceMetadataAndScopesFromABearerChallenge() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            List.of(
                "Bearer realm=\"mcp\", resource_metadata=\"https://a.example/.well-known/oauth-protected-resource/mcp\", scope=\"read  write\""));

    assertEquals(
        "https://a.example/.well-known/oauth-protected-resource/mcp", challenge.resourceMetadata());
    assertEquals(List.of("read", "write"), challenge.scopes());
  }

  @Test
  void acceptsTokensUnquotedEscapesAndSeveralHeaders() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            List.of(
                "Basic realm=\"x\"", "Bearer scope=files, resource_metadata=\"https://b/\\\"q\""));

    assertEquals("https://b/\"q", challenge.resourceMetadata());
    assertEquals(List.of("files"), challenge.scopes());
  }

  @Test
  void aChallengeWithoutParametersHasNone() {
    AuthChallenge challenge = AuthChallenge.parse(List.of("Bearer"));

    assertNull(challenge.resourceMetadata());
    assertEquals(List.of(), challenge.scopes());
  }
}
