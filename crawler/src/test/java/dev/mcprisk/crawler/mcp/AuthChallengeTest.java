package dev.mcprisk.crawler.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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

  @Test
  void aQuotedParameterOf2000CharsIsReadWithoutOverflowingTheStack() {
    String realm = "r".repeat(2_000);
    AuthChallenge challenge =
        AuthChallenge.parse(
            List.of(
                "Bearer realm=\"" + realm + "\", scope=\"a b\", resource_metadata=\"https://m/\""));

    assertEquals("https://m/", challenge.resourceMetadata());
    assertEquals(List.of("a", "b"), challenge.scopes());
  }

  @Test
  void aQuotedParameterOf100000CharsIsCutAtTheHeaderLimitInLinearTime() {
    String header =
        "Bearer scope=\"first\", realm=\""
            + "x\\\"".repeat(50_000)
            + "\", resource_metadata=\"late\"";

    AuthChallenge challenge =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> AuthChallenge.parse(List.of(header, header)));

    assertEquals(List.of("first"), challenge.scopes());
    assertNull(challenge.resourceMetadata(), "past MAX_HEADER_CHARS nothing is read");
  }

  @Test
  void anUnterminatedQuoteEndsTheParameterAtTheEndOfTheHeader() {
    AuthChallenge challenge =
        AuthChallenge.parse(List.of("Bearer scope=\"read write", "Bearer resource_metadata=x"));

    assertEquals(List.of("read", "write"), challenge.scopes());
    assertEquals("x", challenge.resourceMetadata());
  }

  @Test
  void escapesKeepTheNextCharacterAndATrailingBackslashIsDropped() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            List.of("Bearer resource_metadata=\"a\\\\b\\,c\\\", scope=s", "Bearer scope=\"x\\"));

    assertEquals("a\\b,c\", scope=s", challenge.resourceMetadata());
    assertEquals(List.of("x"), challenge.scopes());
  }

  @Test
  void severalChallengesInOneHeaderAndCaseInsensitiveNamesAreRead() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            List.of(
                "Basic realm=\"basic, with comma\", Bearer SCOPE=\"x y\" ,"
                    + " Resource_Metadata=\"https://r/\", DPoP algs=\"ES256\""));

    assertEquals("https://r/", challenge.resourceMetadata());
    assertEquals(List.of("x", "y"), challenge.scopes());
  }

  @Test
  void theFirstValueOfEachParameterWinsAndEmptyOrToken68ValuesAreSkipped() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            List.of(
                "Negotiate abc123==, Bearer resource_metadata=\"\", resource_metadata=\"https://2/\","
                    + " scope=\"\", scope=ignored"));

    assertEquals("https://2/", challenge.resourceMetadata());
    assertEquals(List.of(), challenge.scopes());
  }
}
