package dev.mcprisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import dev.mcprisk.store.CatalogueStore;
import dev.mcprisk.store.StoreException;
import dev.mcprisk.store.ToolChange;
import dev.mcprisk.text.UntrustedText;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcprisk changes}: tool change events between runs, newest first. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = {
      "Lists what changed about tools between runs, newest first: ADDED, REMOVED,"
          + " DESCRIPTION_CHANGED, SCHEMA_CHANGED, ANNOTATIONS_CHANGED, RISK_CHANGED, with old and"
          + " new values.",
      "suspectedRugPull marks a change that added a tool-poisoning signal or raised the risk"
          + " level of a tool people may already trust. A server's first listing is the baseline,"
          + " not a change."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed (even when empty)", "1:the store cannot be read", "2:usage error"})
final class ChangesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Events listed at most. */
  static final int DEFAULT_LIMIT = 1000;

  /** Longest old or new value shown in the table, in chars; --json shows them whole. */
  static final int MAX_VALUE_CHARS = 60;

  @Mixin HomeOption home;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description =
          "Only changes at or after DATE: 2026-11-20 (start of that day, UTC) or an ISO-8601"
              + " instant such as 2026-11-20T02:00:00Z.")
  String since;

  @Option(names = "--server", paramLabel = "NAME", description = "Only changes of this server id.")
  String server;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_LIMIT,
      description = "Most changes listed (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print {\"changes\": [{\"server\", \"tool\", \"kind\", \"at\", \"old\", \"new\","
              + " \"suspectedRugPull\", \"runId\"}]}, times in ISO-8601.")
  boolean json;

  @Override
  public Integer call() throws StoreException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant from;
    try {
      from = since == null ? null : parseSince(since);
    } catch (DateTimeParseException e) {
      err.println(
          "mcprisk: --since '"
              + since
              + "' is neither a date (2026-11-20) nor an ISO-8601 instant");
      return Main.EXIT_USAGE;
    }
    if (limit <= 0) {
      err.println("mcprisk: --limit must be positive, not " + limit);
      return Main.EXIT_USAGE;
    }
    List<ToolChange> changes;
    try (CatalogueStore store = CatalogueStore.open(home.resolve())) {
      changes = store.changes(from, server, limit);
    }
    out.println(json ? Json.writePretty(toJson(changes)) : table(changes));
    out.flush();
    return Main.EXIT_OK;
  }

  static Instant parseSince(String text) {
    String t = text.trim();
    if (t.length() == 10) {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return OffsetDateTime.parse(t).toInstant();
  }

  static ObjectNode toJson(List<ToolChange> changes) {
    ObjectNode root = Json.object();
    ArrayNode array = root.putArray("changes");
    for (ToolChange c : changes) {
      ObjectNode o = array.addObject();
      o.put("server", c.serverId());
      o.put("tool", c.toolName());
      o.put("kind", c.kind().name());
      o.put("at", c.at().toString());
      o.set("old", c.oldValue());
      o.set("new", c.newValue());
      o.put("suspectedRugPull", c.suspectedRugPull());
      o.put("runId", c.runId());
    }
    return root;
  }

  static String table(List<ToolChange> changes) {
    if (changes.isEmpty()) {
      return "no changes recorded";
    }
    StringBuilder out = new StringBuilder();
    for (ToolChange c : changes) {
      out.append(c.at())
          .append("  ")
          .append(c.suspectedRugPull() ? "RUG-PULL? " : "")
          .append(c.kind())
          .append("  ")
          .append(Terminal.safe(c.serverId()))
          .append(" / ")
          .append(Terminal.safe(c.toolName()));
      if (c.oldValue() != null || c.newValue() != null) {
        out.append("\n    ")
            .append(Terminal.safe(brief(c.oldValue())))
            .append("  ->  ")
            .append(Terminal.safe(brief(c.newValue())));
      }
      out.append('\n');
    }
    return out.toString().stripTrailing();
  }

  private static String brief(JsonNode value) {
    if (value == null) {
      return "(none)";
    }
    String text = value.isTextual() ? value.asText() : Json.write(value);
    return text.length() <= MAX_VALUE_CHARS
        ? text
        : UntrustedText.prefix(text, MAX_VALUE_CHARS - 3) + "...";
  }
}
