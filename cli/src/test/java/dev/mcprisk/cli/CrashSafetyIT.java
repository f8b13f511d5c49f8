package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.index.CatalogueSearcher;
import dev.mcprisk.json.Json;
import dev.mcprisk.store.CatalogueStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety (docs/design.md, "Storage and files"): a real {@code mcprisk run} is killed with
 * SIGKILL at several points, before the first stage and during every stage; each time the last good
 * store, index and export must still be readable, and the next run must succeed.
 *
 * <p>The kill point is the moment the run reports the end of stage N on stderr ("[N/6] ..."), so
 * the kill lands while stage N+1 works; N = 0 kills before any stage ends, N = 6 after the last
 * stage, while the run records its end.
 */
class CrashSafetyIT {
  @TempDir static Path home;

  static long goodCatalogueBytes;

  @BeforeAll
  static void aGoodRunFirst() throws Exception {
    CliProcess.Result result = CliProcess.run("run", "--offline", "--home", home.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    goodCatalogueBytes = Files.size(home.resolve("export/catalogue.json"));
  }

  @ParameterizedTest(name = "killed after {0} of 6 stages")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void sigkillLeavesTheLastGoodCatalogueAndTheNextRunSucceeds(int stagesDone) throws Exception {
    killRunAfter(stagesDone);
    assertLastGoodOutputReadable();
    CliProcess.Result next =
        CliProcess.run("run", "--offline", "--home", home.toString(), "--json");
    assertEquals(0, next.exitCode(), next.stderr());
    assertEquals(RunCommandIT.TOOLS, Json.parse(next.stdout()).get("tools").asInt());
    assertLastGoodOutputReadable();
  }

  private static void killRunAfter(int stagesDone) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", CliProcess.jar().toString()));
    command.addAll(List.of("run", "--offline", "--home", home.toString()));
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader stderr =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      while (seen < stagesDone) {
        String line = stderr.readLine();
        if (line == null) {
          break;
        }
        if (line.startsWith("[")) {
          seen++;
        }
      }
      process.destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed process did not end");
    }
  }

  private static void assertLastGoodOutputReadable() throws Exception {
    try (CatalogueStore store = CatalogueStore.open(home)) {
      assertEquals(RunCommandIT.TOOLS, store.counts().tools(), "store keeps its tools");
    }
    try (CatalogueSearcher searcher = CatalogueSearcher.open(home.resolve("index"))) {
      assertTrue(searcher.search("delete", 5).total() > 0, "index answers");
    }
    JsonNode catalogue = Json.parse(Files.readString(home.resolve("export/catalogue.json")));
    assertEquals(RunCommandIT.SERVERS, catalogue.get("servers").size());
    assertTrue(Files.size(home.resolve("export/catalogue.json")) > goodCatalogueBytes / 2);
  }
}
