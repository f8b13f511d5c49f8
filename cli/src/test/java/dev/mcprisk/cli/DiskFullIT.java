package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.index.CatalogueSearcher;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk: the data home lives on a real 12 MiB tmpfs; after a good run the disk is filled to
 * 300 KiB free, the next run fails with an error naming the home and the free space, the last good
 * export and index stay readable, and once space is back the next run succeeds. Needs root (to
 * mount); skipped with a message otherwise.
 */
class DiskFullIT {
  @TempDir Path mountPoint;
  private boolean mounted;

  @BeforeEach
  void mountTmpfs() throws Exception {
    mounted = exec("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mountPoint.toString());
    if (!mounted) {
      String why = "SKIPPED DiskFullIT: cannot mount a tmpfs here (needs root)";
      System.out.println(why);
      Assumptions.assumeTrue(false, why);
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      exec("umount", mountPoint.toString());
    }
  }

  @Test
  void aFullDiskIsAClearErrorAndTheLastGoodOutputStays() throws Exception {
    Path home = mountPoint.resolve("home");
    assertEquals(0, CliProcess.run("run", "--offline", "--home", home.toString()).exitCode());

    // without its state files the next run rebuilds the index and writes the export anew, which
    // needs room (a run with nothing to write succeeds even on a full disk)
    Files.delete(home.resolve("index.state.json"));
    Files.delete(home.resolve("export.state.json"));
    Path filler = mountPoint.resolve("filler");
    fill(filler, Files.getFileStore(mountPoint).getUsableSpace() - 300 * 1024);
    CliProcess.Result full = CliProcess.run("run", "--offline", "--home", home.toString());
    assertEquals(1, full.exitCode(), full.stdout());
    assertTrue(full.stderr().contains(home.toString()), full.stderr());
    assertTrue(full.stderr().contains("full or nearly"), full.stderr());
    assertTrue(!full.stderr().contains("\tat "), "no stack trace: " + full.stderr());

    JsonNode catalogue = Json.parse(Files.readString(home.resolve("export/catalogue.json")));
    assertEquals(RunCommandIT.SERVERS, catalogue.get("servers").size());
    try (CatalogueSearcher searcher = CatalogueSearcher.open(home.resolve("index"))) {
      assertTrue(searcher.search("delete", 5).total() > 0);
    }

    Files.delete(filler);
    CliProcess.Result again =
        CliProcess.run("run", "--offline", "--home", home.toString(), "--json");
    assertEquals(0, again.exitCode(), again.stderr());
    assertEquals(RunCommandIT.TOOLS, Json.parse(again.stdout()).get("tools").asInt());
  }

  private static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written + block.length <= bytes; written += block.length) {
        out.write(block);
      }
    }
  }

  private static boolean exec(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}
