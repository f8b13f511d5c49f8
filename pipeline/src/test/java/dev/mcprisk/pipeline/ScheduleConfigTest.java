package dev.mcprisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.crawler.mcp.CrawlLimits;
import dev.mcprisk.store.CatalogueStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleConfigTest {
  @TempDir Path home;

  @Test
  void defaultCronIsValidAndABadOneIsRejectedNamingIt() {
    new ScheduleConfig(ScheduleConfig.DEFAULT_CRON, ZoneId.of("UTC"), Duration.ofSeconds(60));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ScheduleConfig("0 0 25 * * ?", ZoneId.of("UTC"), Duration.ofSeconds(60)));
    assertTrue(e.getMessage().contains("'0 0 25 * * ?'"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ScheduleConfig(ScheduleConfig.DEFAULT_CRON, ZoneId.of("UTC"), Duration.ZERO));
  }

  @Test
  void quartzUsesTheCatalogueDatabaseAndHomeQuartzPropertiesOverrideIt() throws Exception {
    PipelineConfig config =
        new PipelineConfig(
            home, true, null, home.resolve("servers"), true, CrawlLimits.defaults(), "schedule");
    ScheduleConfig schedule =
        new ScheduleConfig(ScheduleConfig.DEFAULT_CRON, ZoneId.of("UTC"), Duration.ofSeconds(5));
    Properties p = PipelineScheduler.properties(config, schedule);
    assertEquals(CatalogueStore.h2Url(home), p.getProperty("org.quartz.dataSource.catalogue.url"));
    assertEquals("5000", p.getProperty("org.quartz.jobStore.misfireThreshold"));
    assertEquals("1", p.getProperty("org.quartz.threadPool.threadCount"));
    assertEquals("false", p.getProperty("org.quartz.jobStore.isClustered"));

    Files.writeString(
        home.resolve(PipelineScheduler.QUARTZ_OVERRIDES),
        "org.quartz.jobStore.isClustered=true\norg.quartz.scheduler.instanceId=AUTO\n");
    Properties overridden = PipelineScheduler.properties(config, schedule);
    assertEquals("true", overridden.getProperty("org.quartz.jobStore.isClustered"));
    assertEquals("AUTO", overridden.getProperty("org.quartz.scheduler.instanceId"));
  }

  @Test
  void logValuesFromStrangersCannotForgeALine() {
    assertEquals("\"a \\\"b\\\" \\\\ c\"", RunLog.quoted("a \"b\" \\ c"));
    assertEquals("\"x\\u000Ay\\u202Ez\"", RunLog.quoted("x\ny\u202Ez"));
    assertEquals("\"\"", RunLog.quoted(null));
  }

  @Test
  void logValuesEscapeTagCharactersLineSeparatorsAndZeroWidthCharacters() {
    assertEquals(
        "\"a\\U000E0041b\\u2028c\\u2029d\\uFEFFe\\u2060f\"",
        RunLog.quoted("a\uDB40\uDC41b\u2028c\u2029d\uFEFFe\u2060f"));
    assertEquals("\"lone\\uD800\"", RunLog.quoted("lone\uD800"));
  }
}
