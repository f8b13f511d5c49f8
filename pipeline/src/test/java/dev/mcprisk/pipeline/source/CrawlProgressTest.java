package dev.mcprisk.pipeline.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CrawlProgressTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTerminalGetsABarRedrawnInPlaceAtMostEvery200Ms() {
    CrawlProgress p = new CrawlProgress("servers", 100, out, true, nanos::get);
    p.advance(10); // at t=0: too soon after the start
    assertEquals("", printed());
    nanos.set(1_000_000_000L);
    p.advance(40);
    assertEquals(
        "\r[###############...............] servers 50/100 (50%), ETA 0m01s, 50.0/s, 1 s",
        printed());
    nanos.set(1_100_000_000L);
    p.advance(1); // 100 ms later: not redrawn
    assertFalse(printed().contains("51/100"));
    nanos.set(2_000_000_000L);
    p.finish();
    assertTrue(
        printed()
            .endsWith("servers 51/100 (51%), ETA 0m02s, 25.5/s, 2 s" + System.lineSeparator()));
  }

  @Test
  void elsewhereALogLineEvery10SecondsAndAtTheEnd() {
    CrawlProgress p = new CrawlProgress("registry entries", 0, out, false, nanos::get);
    nanos.set(5_000_000_000L);
    p.advance(500);
    assertEquals("", printed());
    nanos.set(10_000_000_000L);
    p.advance(500);
    assertEquals("registry entries 1000, 100.0/s, 10 s" + System.lineSeparator(), printed());
    p.finish();
    assertEquals(2, printed().lines().count());
    assertFalse(printed().contains("\r"));
  }

  @Test
  void silentProgressCountsButPrintsNothing() {
    CrawlProgress p = CrawlProgress.silent("x");
    p.advance(3);
    p.finish();
    assertEquals(3, p.done());
  }
}
