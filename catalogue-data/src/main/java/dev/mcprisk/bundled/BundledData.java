package dev.mcprisk.bundled;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real data shipped inside the jar (see {@code dev/mcprisk/bundled/SOURCES.md}): registry seed
 * files and recorded {@code tools/list} answers, so the default run works offline from a fresh
 * clone.
 *
 * <p>Thread-safe: stateless.
 */
public final class BundledData {
  /**
   * Folder of registry seed files: {@code seed_2025_05_16.json} (snake_case) and {@code seed.json}.
   */
  public static final String REGISTRY = "registry";

  /** Folder of recorded {@code initialize} + {@code tools/list} answers. */
  public static final String TOOLS_LIST = "tools-list";

  private static final String ROOT = "/dev/mcprisk/bundled/";

  private BundledData() {}

  /**
   * File names in a bundled folder, in the order of its {@code INDEX} file (sorted by name).
   *
   * @param folder {@link #REGISTRY} or {@link #TOOLS_LIST}
   * @throws IllegalArgumentException when the folder has no INDEX
   */
  public static List<String> list(String folder) {
    try (InputStream in = BundledData.class.getResourceAsStream(ROOT + folder + "/INDEX")) {
      if (in == null) {
        throw new IllegalArgumentException("no bundled folder '" + folder + "'");
      }
      List<String> names = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
      return List.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens one bundled file; the caller closes the stream.
   *
   * @throws IllegalArgumentException when there is no such file
   */
  public static InputStream open(String folder, String fileName) {
    if (fileName.contains("/") || fileName.contains("..")) {
      throw new IllegalArgumentException("bad bundled file name '" + fileName + "'");
    }
    InputStream in = BundledData.class.getResourceAsStream(ROOT + folder + "/" + fileName);
    if (in == null) {
      throw new IllegalArgumentException("no bundled file '" + folder + "/" + fileName + "'");
    }
    return in;
  }
}
