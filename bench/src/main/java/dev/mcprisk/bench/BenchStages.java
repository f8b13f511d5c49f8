package dev.mcprisk.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * Every stage of one full bench run (the {@code "stages"} object of {@link BenchReport}).
 *
 * @param crawl never null
 * @param store never null
 * @param classify never null
 * @param index never null
 * @param search never null
 * @param export never null
 */
@JsonPropertyOrder({"crawl", "store", "classify", "index", "search", "export"})
public record BenchStages(
    @JsonProperty("crawl") CrawlFigures crawl,
    @JsonProperty("store") StoreFigures store,
    @JsonProperty("classify") ClassifyFigures classify,
    @JsonProperty("index") IndexFigures index,
    @JsonProperty("search") SearchFigures search,
    @JsonProperty("export") ExportFigures export) {

  public BenchStages {
    Objects.requireNonNull(crawl, "crawl == null");
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(classify, "classify == null");
    Objects.requireNonNull(index, "index == null");
    Objects.requireNonNull(search, "search == null");
    Objects.requireNonNull(export, "export == null");
  }
}
