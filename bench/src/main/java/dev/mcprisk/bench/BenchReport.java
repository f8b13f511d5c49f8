package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mcprisk.json.Json;
import java.util.Objects;

/**
 * The result of one {@code mcprisk bench} run, serialised as (README, "{@code bench}"):
 *
 * <pre>{@code
 * {"servers", "tools", "totalSeconds", "peakHeapBytes",
 *  "stages": {"crawl": {"seconds", "serversPerSecond"}, "store": {"seconds"},
 *             "classify": {"seconds", "toolsPerSecond"}, "index": {"seconds", "bytes"},
 *             "search": {"queries", "p50Ms", "p99Ms"}, "export": {"seconds", "bytes"}},
 *  "incremental": {"changedServers", "seconds"}}
 * }</pre>
 *
 * @param servers servers in the synthetic catalogue, at least 0
 * @param tools tools crawled, at least 0
 * @param totalSeconds wall-clock seconds of the full run (all stages), at least 0 (rounded to
 *     milliseconds)
 * @param peakHeapBytes peak heap use during the runs ({@link PeakHeap}), at least 0
 * @param stages the full run's stages; never null
 * @param incremental the incremental run; never null
 */
@JsonPropertyOrder({"servers", "tools", "totalSeconds", "peakHeapBytes", "stages", "incremental"})
public record BenchReport(
    @JsonProperty("servers") int servers,
    @JsonProperty("tools") long tools,
    @JsonProperty("totalSeconds") double totalSeconds,
    @JsonProperty("peakHeapBytes") long peakHeapBytes,
    @JsonProperty("stages") BenchStages stages,
    @JsonProperty("incremental") IncrementalFigures incremental) {

  private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();
  private static final ObjectWriter COMPACT = Json.MAPPER.writer();
  private static final ObjectReader READER = Json.MAPPER.readerFor(BenchReport.class);

  public BenchReport {
    Figures.nonNegative(servers, "servers");
    Figures.nonNegative(tools, "tools");
    totalSeconds = Figures.seconds(totalSeconds, "totalSeconds");
    Figures.nonNegative(peakHeapBytes, "peakHeapBytes");
    Objects.requireNonNull(stages, "stages == null");
    Objects.requireNonNull(incremental, "incremental == null");
  }

  /** The report as pretty-printed JSON (two-space indent, fields in the documented order). */
  public String toJson() {
    try {
      return PRETTY.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The report as one line of JSON. */
  public String toJsonLine() {
    try {
      return COMPACT.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a report written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when {@code json} is not such a report
   */
  public static BenchReport fromJson(String json) {
    try {
      BenchReport report = READER.readValue(json);
      if (report == null) {
        throw new IllegalArgumentException("not a bench report: null");
      }
      return report;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a bench report: " + e.getOriginalMessage(), e);
    }
  }
}
