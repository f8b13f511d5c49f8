package dev.mcprisk.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The judged query set over the bundled catalogue, shipped as the class-path resource {@value
 * #RESOURCE}: one JSON object per line, {@code {"query": "...", "relevant": {"<server id>#<tool
 * name>": grade}}}, grade 1 (related) to 3 (the answer); blank lines are skipped. The relevance
 * test measures MRR and nDCG@10 with it, and {@code mcprisk bench} replays its queries as the
 * search workload.
 *
 * <p>Thread-safe: stateless; each call reads the resource again (75 lines, well under a millisecond
 * after the first).
 */
public final class JudgedQueries {
  /** Class-path location of the set. */
  public static final String RESOURCE = "/dev/mcprisk/index/relevance/judgements.jsonl";

  private JudgedQueries() {}

  /**
   * All judged queries, in file order.
   *
   * @throws IllegalStateException when the resource is missing from the class path (a broken build)
   * @throws UncheckedIOException when it cannot be read or a line is not the JSON shape above
   * @throws IllegalArgumentException when a line breaks {@link JudgedQuery}'s rules
   */
  public static List<JudgedQuery> load() {
    InputStream in = JudgedQueries.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing class-path resource " + RESOURCE);
    }
    List<JudgedQuery> all = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          all.add(parse(line, number));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
    }
    return List.copyOf(all);
  }

  /** The query strings of {@link #load()}, in file order (the bench's search workload). */
  public static List<String> queries() {
    return load().stream().map(JudgedQuery::query).toList();
  }

  private static JudgedQuery parse(String line, int number) throws IOException {
    JsonNode node = Json.MAPPER.readTree(line);
    JsonNode query = node.path("query");
    JsonNode relevant = node.path("relevant");
    if (!query.isTextual() || !relevant.isObject()) {
      throw new IOException(
          "line " + number + ": expected {\"query\": text, \"relevant\": {key: grade}}");
    }
    Map<String, Integer> grades = new LinkedHashMap<>();
    relevant.fields().forEachRemaining(e -> grades.put(e.getKey(), e.getValue().asInt()));
    return new JudgedQuery(query.asText(), grades);
  }
}
