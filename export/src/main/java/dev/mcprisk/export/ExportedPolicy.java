package dev.mcprisk.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The recommended {@code policy} of a tool in {@code catalogue.json}, as read back.
 *
 * @param action {@code allow}, {@code rate_limit}, {@code deny} or {@code hide}; never null
 * @param rule the rule's name; never null
 * @param rateLimit the limit, present with {@code rate_limit}; else null
 * @param requiredArguments arguments to check with {@code exists}; empty when absent
 * @param onDeny the message when a call is refused; null when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportedPolicy(
    @JsonProperty("action") String action,
    @JsonProperty("rule") String rule,
    @JsonProperty("rateLimit") ExportedRateLimit rateLimit,
    @JsonProperty("requiredArguments") List<String> requiredArguments,
    @JsonProperty("onDeny") String onDeny) {
  public ExportedPolicy {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(rule, "rule == null");
    requiredArguments = List.copyOf(requiredArguments == null ? List.of() : requiredArguments);
  }
}
