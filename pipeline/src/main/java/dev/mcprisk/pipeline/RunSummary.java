package dev.mcprisk.pipeline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What one pipeline run did: the figures {@code mcprisk run} prints and records.
 *
 * @param runId id of the run in the store
 * @param status {@code SUCCEEDED} or {@code INTERRUPTED} (a FAILED run throws; its record in the
 *     store says FAILED)
 * @param home data home used
 * @param startedAt ISO-8601 start time
 * @param servers servers in the catalogue
 * @param serversBySource servers per entry source (registry seed, snapshot, ...), sorted by source
 * @param serversWithTools servers that have at least one tool
 * @param tools tools in the catalogue
 * @param toolsByOrigin tools per origin ({@code snapshot}, {@code live}), sorted
 * @param categories tools per category label, in category order
 * @param riskLevels tools per risk level label, Low to Critical
 * @param assessedNew tools the classifier ran on in this run
 * @param assessedCached tools whose assessment came from the cache (same definition hash and
 *     classifier version)
 * @param stages each stage's time and result, in run order
 * @param failures what went wrong without stopping the run
 * @param notes other things a user should know (e.g. "node not found: live crawl skipped")
 * @param catalogueFile path of {@code catalogue.json}
 * @param catalogueBytes its size in bytes
 * @param interceptFiles Intercept policy files written
 * @param policyLayerFiles PolicyLayer policy files written
 * @param changes tool change events this run found (ADDED, REMOVED, ..._CHANGED, RISK_CHANGED)
 * @param suspectedRugPulls tools whose change added a tool-poisoning signal or raised the risk
 */
@JsonPropertyOrder({
  "runId",
  "status",
  "home",
  "startedAt",
  "servers",
  "serversBySource",
  "serversWithTools",
  "tools",
  "toolsByOrigin",
  "categories",
  "riskLevels",
  "assessedNew",
  "assessedCached",
  "stages",
  "failures",
  "notes",
  "catalogueFile",
  "catalogueBytes",
  "interceptFiles",
  "policyLayerFiles",
  "changes",
  "suspectedRugPulls"
})
public record RunSummary(
    long runId,
    String status,
    String home,
    String startedAt,
    int servers,
    Map<String, Integer> serversBySource,
    int serversWithTools,
    int tools,
    Map<String, Integer> toolsByOrigin,
    Map<String, Integer> categories,
    Map<String, Integer> riskLevels,
    int assessedNew,
    int assessedCached,
    List<StageTiming> stages,
    List<Failure> failures,
    List<String> notes,
    String catalogueFile,
    long catalogueBytes,
    int interceptFiles,
    int policyLayerFiles,
    int changes,
    int suspectedRugPulls) {

  /** Total wall time of all stages in milliseconds. */
  public long totalMillis() {
    return stages.stream().mapToLong(StageTiming::millis).sum();
  }
}
