package dev.mcprisk.classifier.eval;

import dev.mcprisk.json.Json;
import java.util.Locale;

/**
 * The part of the labelled set a tool belongs to: {@link #DEV} for tuning, {@link #HOLDOUT} kept
 * aside and read only for the final report.
 *
 * <p>Rule (classifier/src/test/resources/eval/README.md): a tool is in the holdout when the first 8
 * hex digits of {@code sha256(server + "/" + tool)} (UTF-8), read as an unsigned number, modulo 100
 * is below {@value #HOLDOUT_PERCENT}. Deterministic and independent of the classifier.
 */
public enum Split {
  DEV("dev"),
  HOLDOUT("holdout");

  /** Share of tools in the holdout, in percent. */
  public static final int HOLDOUT_PERCENT = 30;

  private static final int HASH_HEX_DIGITS = 8;
  private static final int HASH_HEX_RADIX = 16;
  private static final int PERCENT = 100;

  private final String label;

  Split(String label) {
    this.label = label;
  }

  /** The name used in the labels file, {@code dev} or {@code holdout}. */
  public String label() {
    return label;
  }

  /**
   * The split the hash rule gives a (server, tool) pair.
   *
   * @param server the npm package; not null
   * @param tool the tool name; not null
   */
  public static Split of(String server, String tool) {
    String hex = Json.sha256Hex(server + "/" + tool).substring(0, HASH_HEX_DIGITS);
    long value = Long.parseLong(hex, HASH_HEX_RADIX);
    return value % PERCENT < HOLDOUT_PERCENT ? HOLDOUT : DEV;
  }

  /**
   * The split the by-server hash rule gives every tool of {@code server}: holdout when the first 8
   * hex digits of {@code sha256(server)} (UTF-8), read as an unsigned number, modulo 100 is below
   * {@value #HOLDOUT_PERCENT}. Grouped: no server has tools in both splits, so a holdout measures
   * the classifier on servers it has never seen (the corpus labels,
   * classifier/src/test/resources/eval/README.md).
   *
   * @param server the server's name; not null
   */
  public static Split ofServer(String server) {
    String hex = Json.sha256Hex(server).substring(0, HASH_HEX_DIGITS);
    long value = Long.parseLong(hex, HASH_HEX_RADIX);
    return value % PERCENT < HOLDOUT_PERCENT ? HOLDOUT : DEV;
  }

  /**
   * Parses {@code dev} or {@code holdout}, case-insensitively.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Split parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (Split s : values()) {
      if (s.label.equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown split '" + text + "' (expected dev or holdout)");
  }

  @Override
  public String toString() {
    return label;
  }
}
