package dev.mcprisk.index;

import java.util.List;
import java.util.Map;

/**
 * A judged query of {@link JudgedQueries} with the measures the relevance test computes over it.
 *
 * @param query what a person would type
 * @param relevant hit key → grade 1..3
 */
record Judgements(String query, Map<String, Integer> relevant) {
  Judgements {
    JudgedQuery checked = new JudgedQuery(query, relevant);
    relevant = checked.relevant();
  }

  /** All judged queries, in file order. */
  static List<Judgements> load() {
    return JudgedQueries.load().stream().map(j -> new Judgements(j.query(), j.relevant())).toList();
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
