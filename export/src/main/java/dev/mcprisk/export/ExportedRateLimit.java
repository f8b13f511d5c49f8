package dev.mcprisk.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A rate limit in a tool's {@code policy}: {@code max} calls per {@code window}.
 *
 * @param max calls allowed per window, positive
 * @param window {@code minute}, {@code hour} or {@code day}; never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportedRateLimit(
    @JsonProperty("max") int max, @JsonProperty("window") String window) {
  public ExportedRateLimit {
    Objects.requireNonNull(window, "window == null");
  }
}
