package dev.mcprisk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a tool does, judged from its action.
 *
 * <p>Source: {@code docs/taxonomy.md}. When a tool can do several things it takes the most
 * dangerous category; {@link #danger()} orders them Financial &gt; Destructive &gt; Execute &gt;
 * Write &gt; Read &gt; Other.
 */
public enum Category {
  /** Nothing in the definition says what the tool does. */
  OTHER("Other", 0),
  /** Retrieves, lists, searches or computes without side effects. */
  READ("Read", 1),
  /** Creates or modifies state additively or reversibly. */
  WRITE("Write", 2),
  /** Runs code, commands, jobs or drives a browser or desktop. */
  EXECUTE("Execute", 3),
  /** Deletes, drops, purges, revokes or overwrites irreversibly. */
  DESTRUCTIVE("Destructive", 4),
  /** Creates, changes, confirms, cancels or refunds a movement of money. */
  FINANCIAL("Financial", 5);

  private final String label;
  private final int danger;

  Category(String label, int danger) {
    this.label = label;
    this.danger = danger;
  }

  /** The name used in every output format, e.g. {@code "Destructive"}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Rank from 0 (Other) to 5 (Financial); higher is more dangerous. */
  public int danger() {
    return danger;
  }

  /**
   * Parses a label or enum name, case-insensitively.
   *
   * @throws IllegalArgumentException when {@code text} names no category
   */
  @JsonCreator
  public static Category parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("category == null");
    }
    for (Category c : values()) {
      if (c.label.equalsIgnoreCase(text.trim()) || c.name().equalsIgnoreCase(text.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown category '"
            + text
            + "' (expected one of Read, Write, Execute, Destructive, Financial, Other)");
  }

  @Override
  public String toString() {
    return label;
  }

  /** Upper-cased label, for identifiers such as rule ids. */
  public String key() {
    return label.toUpperCase(Locale.ROOT);
  }
}
