package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A hosted endpoint of a server, from server.json {@code remotes[]} (or the 2025-05 seed's {@code
 * transport_type}/{@code url}).
 *
 * @param type {@code streamable-http} or {@code sse}; never null
 * @param url endpoint URL; never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Remote(@JsonProperty("type") String type, @JsonProperty("url") String url) {
  public Remote {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(url, "url == null");
  }
}
