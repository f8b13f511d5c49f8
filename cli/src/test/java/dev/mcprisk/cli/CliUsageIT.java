package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, usage errors and exit codes (0 ok, 1 failure, 2 usage) of the real jar. */
class CliUsageIT {
  @TempDir Path home;

  @Test
  void helpOnEveryCommandExitsZero() throws Exception {
    for (String[] args :
        new String[][] {
          {"--help"}, {"run", "--help"}, {"search", "--help"}, {"classify", "--help"}
        }) {
      CliProcess.Result result = CliProcess.run(args);
      assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result.stderr());
      assertTrue(result.stdout().contains("Usage:"), result.stdout());
    }
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    CliProcess.Result result = CliProcess.run("run", "--no-such-option");
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("--no-such-option"), result.stderr());
  }

  @Test
  void noSubcommandIsAUsageError() throws Exception {
    assertEquals(2, CliProcess.run().exitCode());
  }

  @Test
  void searchWithoutAnIndexSaysWhatToDo() throws Exception {
    CliProcess.Result result = CliProcess.run("search", "delete", "--home", home.toString());
    assertEquals(1, result.exitCode());
    assertTrue(result.stderr().contains("run `mcprisk run` first"), result.stderr());
  }

  @Test
  void searchLimitOutOfRangeIsAUsageError() throws Exception {
    CliProcess.Result result =
        CliProcess.run("search", "x", "--limit", "0", "--home", home.toString());
    assertEquals(2, result.exitCode());
  }
}
