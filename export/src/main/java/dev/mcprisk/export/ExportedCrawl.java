package dev.mcprisk.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The {@code crawl} object of a server in {@code catalogue.json}, as read back.
 *
 * @param status a {@code CrawlStatus} name such as {@code OK}; kept as text so a status added later
 *     still reads
 * @param at when the crawl happened; null when absent
 * @param protocolVersion negotiated MCP protocol version; null when absent
 * @param clientCapabilities the capabilities the crawler announced to the server; null when absent
 *     (a recorded answer, or a catalogue written before the field existed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportedCrawl(
    @JsonProperty("status") String status,
    @JsonProperty("at") Instant at,
    @JsonProperty("protocolVersion") String protocolVersion,
    @JsonProperty("clientCapabilities") JsonNode clientCapabilities) {}
