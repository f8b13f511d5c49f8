package dev.mcprisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchReportTest {

  static BenchReport sample(int servers) {
    double scale = servers / 1000.0;
    return new BenchReport(
        servers,
        servers * 11L,
        30.5 * scale,
        200L * 1024 * 1024,
        new BenchStages(
            CrawlFigures.of((long) (10e9 * scale), servers),
            StoreFigures.of((long) (2e9 * scale)),
            ClassifyFigures.of((long) (1e9 * scale), servers * 11L),
            IndexFigures.of((long) (3e9 * scale), 5_000_000L),
            SearchFigures.of(new long[] {1_000_000, 2_000_000, 3_000_000, 40_000_000}),
            ExportFigures.of((long) (1.5e9 * scale), 9_000_000L)),
        IncrementalFigures.of(servers / 100, (long) (2e9 * scale)));
  }

  @Test
  void serialisesToExactlyTheIssuesShapeAndOrder() {
    String json = sample(1000).toJsonLine();
    assertEquals(
        "{\"servers\":1000,\"tools\":11000,\"totalSeconds\":30.5,\"peakHeapBytes\":209715200,"
            + "\"stages\":{\"crawl\":{\"seconds\":10.0,\"serversPerSecond\":100.0},"
            + "\"store\":{\"seconds\":2.0},"
            + "\"classify\":{\"seconds\":1.0,\"toolsPerSecond\":11000.0},"
            + "\"index\":{\"seconds\":3.0,\"bytes\":5000000},"
            + "\"search\":{\"queries\":4,\"p50Ms\":2.0,\"p99Ms\":40.0},"
            + "\"export\":{\"seconds\":1.5,\"bytes\":9000000}},"
            + "\"incremental\":{\"changedServers\":10,\"seconds\":2.0}}",
        json);
  }

  @Test
  void readsBackWhatItWrites() {
    BenchReport report = sample(5000);
    assertEquals(report, BenchReport.fromJson(report.toJson()));
    assertThrows(IllegalArgumentException.class, () -> BenchReport.fromJson("{\"servers\":1}"));
  }

  @Test
  void roundsSecondsToMillisecondsAndRejectsNegativeFigures() {
    assertEquals(1.235, StoreFigures.of(1_234_567_890L).seconds());
    assertThrows(IllegalArgumentException.class, () -> new StoreFigures(-1));
    assertThrows(IllegalArgumentException.class, () -> new IndexFigures(1, -1));
    assertThrows(IllegalArgumentException.class, () -> new SearchFigures(1, 5, 4));
    assertEquals(new SearchFigures(0, 0, 0), SearchFigures.of(new long[0]));
  }

  @Test
  void nearestRankPercentilesOfAHundredLatencies() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (100 - i) * 1_000_000L;
    }
    SearchFigures figures = SearchFigures.of(nanos);
    assertEquals(50.0, figures.p50Ms());
    assertEquals(99.0, figures.p99Ms());
  }

  @Test
  void tablesShowEveryStageAndOneRowPerRun() {
    String text = BenchTable.text(sample(1000));
    for (String stage :
        new String[] {"crawl", "store", "classify", "index", "search", "export", "incremental"}) {
      assertTrue(text.contains("\n" + stage + " "), text);
    }
    assertTrue(text.contains("100.0 servers/s"), text);
    String markdown = BenchTable.markdown(java.util.List.of(sample(5000), sample(1000)));
    String[] lines = markdown.split("\n");
    assertEquals(4, lines.length);
    assertTrue(lines[2].startsWith("| 1000 | 11000 |"), lines[2]);
    assertTrue(lines[3].startsWith("| 5000 | 55000 |"), lines[3]);
  }
}
