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
import java.util.Objects;

/**
 * The judged query set {@code relevance/judgements.jsonl}: one JSON object per line, {@code
 * {"query": "...", "relevant": {"<server id>#<tool name>": grade}}}, grade 1 (related) to 3 (the
 * answer).
 *
 * @param query what a person would type
 * @param relevant hit key → grade 1..3, in file order
 */
record Judgements(String query, Map<String, Integer> relevant) {
  static final String RESOURCE = "/relevance/judgements.jsonl";

  Judgements {
    Objects.requireNonNull(query, "query == null");
    relevant = Map.copyOf(relevant);
    if (relevant.isEmpty() || relevant.values().stream().anyMatch(g -> g < 1 || g > 3)) {
      throw new IllegalArgumentException("grades must be 1..3 and non-empty: " + query);
    }
  }

  /** All judged queries, in file order. */
  static List<Judgements> load() {
    List<Judgements> all = new ArrayList<>();
    try (InputStream in = Judgements.class.getResourceAsStream(RESOURCE);
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(
                    Objects.requireNonNull(in, RESOURCE), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = Json.MAPPER.readTree(line);
        Map<String, Integer> relevant = new LinkedHashMap<>();
        node.get("relevant")
            .fields()
            .forEachRemaining(e -> relevant.put(e.getKey(), e.getValue().asInt()));
        all.add(new Judgements(node.get("query").asText(), relevant));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** The key of a hit as judged: {@code <server id>#<tool name>}, or the server id for a server. */
  static String key(SearchHit hit) {
    return hit.isServer() ? hit.server() : hit.server() + "#" + hit.tool();
  }

  /** Reciprocal rank of the first relevant hit, 0 when none is in {@code ranked}. */
  double reciprocalRank(List<String> ranked) {
    for (int i = 0; i < ranked.size(); i++) {
      if (relevant.containsKey(ranked.get(i))) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /** nDCG at {@code k} with gain 2^grade − 1 and log2 discount. */
  double ndcg(List<String> ranked, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      dcg += gain(relevant.getOrDefault(ranked.get(i), 0)) / log2(i + 2);
    }
    List<Integer> ideal = relevant.values().stream().sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += gain(ideal.get(i)) / log2(i + 2);
    }
    return dcg / idcg;
  }

  private static double gain(int grade) {
    return Math.pow(2, grade) - 1;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
