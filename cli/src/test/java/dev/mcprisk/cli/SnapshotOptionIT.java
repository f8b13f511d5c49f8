package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.bundled.BundledData;
import dev.mcprisk.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --snapshot DIR}: another folder of recorded answers; a broken file is a failure with a
 * reason and the rest of the run goes on; a rerun with a broken file keeps earlier good tools.
 */
class SnapshotOptionIT {
  @TempDir Path home;
  @TempDir Path snapshots;

  @Test
  void brokenSnapshotFileIsRecordedAndTheRestGoesOn() throws Exception {
    copyBundled("modelcontextprotocol__server-memory.json");
    Files.writeString(
        snapshots.resolve("truncated.json"), "{\"package\": \"x\", \"tools_list\": {\"tools\": [");
    CliProcess.Result result =
        CliProcess.run(
            "run",
            "--offline",
            "--snapshot",
            snapshots.toString(),
            "--home",
            home.toString(),
            "--json");
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode summary = Json.parse(result.stdout());
    assertEquals(9, summary.get("tools").asInt());
    assertEquals(1, summary.get("serversWithTools").asInt());
    boolean reported = false;
    for (JsonNode failure : summary.get("failures")) {
      if (failure.get("subject").asText().equals("truncated.json")) {
        reported = true;
        assertEquals("SNAPSHOT_INVALID", failure.get("status").asText());
        assertTrue(!failure.get("reason").asText().isBlank());
      }
    }
    assertTrue(reported, summary.get("failures").toString());

    Files.writeString(
        snapshots.resolve("modelcontextprotocol__server-memory.json"), "not json at all");
    CliProcess.Result again =
        CliProcess.run(
            "run",
            "--offline",
            "--snapshot",
            snapshots.toString(),
            "--home",
            home.toString(),
            "--json");
    assertEquals(0, again.exitCode(), again.stderr());
    assertEquals(9, Json.parse(again.stdout()).get("tools").asInt(), "earlier good tools kept");
  }

  @Test
  void snapshotThatIsNotAFolderIsAUsageError() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            "run",
            "--offline",
            "--snapshot",
            home.resolve("absent").toString(),
            "--home",
            home.toString());
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("is not a folder"), result.stderr());
  }

  private void copyBundled(String name) throws Exception {
    try (InputStream in = BundledData.open(BundledData.TOOLS_LIST, name)) {
      Files.writeString(
          snapshots.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
