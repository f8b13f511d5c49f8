package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A risk signal found in a tool's definition, orthogonal to its category.
 *
 * @param id stable lower-case id such as {@code shell}, {@code code-execution}, {@code
 *     file-system-path}, {@code network-egress}, {@code credentials}, {@code irreversible}, {@code
 *     annotation-contradiction}; never blank
 * @param evidence the text that raised it, quoted from the definition (e.g. {@code "parameter
 *     'command'"}); never null
 */
public record Signal(@JsonProperty("id") String id, @JsonProperty("evidence") String evidence) {
  public Signal {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(evidence, "evidence == null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id is blank");
    }
  }
}
