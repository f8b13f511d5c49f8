package dev.mcprisk.pipeline;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.quartz.CronExpression;

/**
 * When the scheduler runs the pipeline.
 *
 * @param cron a Quartz cron expression (seconds first, e.g. {@value #DEFAULT_CRON}: 02:00 every
 *     day); see https://www.quartz-scheduler.org/api/2.3.0/org/quartz/CronExpression.html
 * @param zone the time zone the expression is read in
 * @param misfireThreshold how late a fire may be before it counts as missed; a missed fire (the
 *     scheduler was down, or a run overran) runs once as soon as possible, then the schedule goes
 *     on
 */
public record ScheduleConfig(String cron, ZoneId zone, Duration misfireThreshold) {
  /** Default schedule: 02:00 every night. */
  public static final String DEFAULT_CRON = "0 0 2 * * ?";

  /** Default misfire threshold: 60 seconds (Quartz's default). */
  public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);

  public ScheduleConfig {
    Objects.requireNonNull(cron, "cron == null");
    Objects.requireNonNull(zone, "zone == null");
    Objects.requireNonNull(misfireThreshold, "misfireThreshold == null");
    if (!CronExpression.isValidExpression(cron)) {
      throw new IllegalArgumentException(
          "'"
              + cron
              + "' is not a Quartz cron expression (seconds minutes hours day month weekday)");
    }
    if (misfireThreshold.isNegative() || misfireThreshold.isZero()) {
      throw new IllegalArgumentException("misfireThreshold must be positive: " + misfireThreshold);
    }
  }
}
