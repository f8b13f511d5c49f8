package dev.mcprisk.export;

import java.util.Locale;

/** What {@link Exporter#export} writes: the {@code --format} of {@code mcprisk export}. */
public enum ExportFormat {
  /** {@code catalogue.json}: one JSON document ({@link CatalogueJsonWriter}). */
  CATALOGUE,
  /** {@code catalogue.ndjson}: a header line, then one server per line. */
  NDJSON,
  /** One Intercept policy file per server ({@link InterceptPolicyWriter}). */
  INTERCEPT,
  /** One PolicyLayer policy file per server ({@link PolicyLayerWriter}). */
  POLICYLAYER;

  /** The name used on the command line, e.g. {@code "policylayer"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the formats that write a folder of per-server files. */
  public boolean perServer() {
    return this == INTERCEPT || this == POLICYLAYER;
  }

  /**
   * Parses a format name, case-insensitively.
   *
   * @throws IllegalArgumentException when {@code text} is null or names no format
   */
  public static ExportFormat parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("format == null");
    }
    for (ExportFormat f : values()) {
      if (f.name().equalsIgnoreCase(text.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '"
            + text
            + "' (expected one of catalogue, ndjson, intercept, policylayer)");
  }

  @Override
  public String toString() {
    return label();
  }
}
