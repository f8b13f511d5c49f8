package dev.mcprisk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FetchRecordTest {

  private static FetchRecord record(String url, String reason) {
    return new FetchRecord(
        Instant.EPOCH, "registry-api", url, 200, 0, 1, "REJECTED", reason, 1, false);
  }

  @Test
  void credentialParametersAndUserInfoAreMasked() {
    assertEquals(
        "https://[REDACTED]@r.example/v0/servers?cursor=abc&api_key=[REDACTED]&x.auth=[REDACTED]",
        FetchRecord.redact(
            "https://u:p@r.example/v0/servers?cursor=abc&api_key=s3cr3t&x.auth=t0k"));
  }

  @Test
  void aLongRunOfDottedParameterNameSegmentsDoesNotOverflowTheStack() {
    // Before: the repeated group of SECRET_PARAM recursed once per segment (StackOverflowError).
    String hostile = "&" + "a.".repeat(200_000) + "token=s3cr3t";
    String redacted = FetchRecord.redact(hostile);
    assertTrue(redacted.endsWith("token=[REDACTED]"), redacted.substring(redacted.length() - 40));
  }

  @Test
  void aHostileReasonIsCutBeforeItIsRedactedAndStillHoldsNoSecret() {
    String reason = "cursor loop: &" + "a.".repeat(500_000) + " then &token=s3cr3t";
    FetchRecord r = record("https://r.example/v0/servers?token=s3cr3t", reason);
    assertEquals(FetchRecord.MAX_REASON_CHARS, r.reason().length());
    assertFalse(r.reason().contains("s3cr3t"));
    assertEquals("https://r.example/v0/servers?token=[REDACTED]", r.url());
  }
}
