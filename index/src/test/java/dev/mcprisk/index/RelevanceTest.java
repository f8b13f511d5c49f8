package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures ranking quality over the bundled catalogue with the judged query set ({@link
 * Judgements}): prints MRR and nDCG@10 and every query whose first relevant hit is not first, and
 * fails when either falls under its floor (set just under the measured value, so a ranking
 * regression fails the build).
 */
class RelevanceTest {
  /** Measured 2026-11-21: MRR 0.957 over 75 queries; the floor allows about one query to slip. */
  private static final double MRR_FLOOR = 0.95;

  /** Measured 2026-11-21: nDCG@10 0.949. */
  private static final double NDCG_FLOOR = 0.94;

  private static final int K = 10;

  @TempDir Path home;

  @Test
  void judgedQueriesRankTheirAnswersFirst() throws IOException {
    List<Judgements> judged = Judgements.load();
    assertTrue(judged.size() >= 50, "at least 50 judged queries: " + judged.size());
    CatalogueIndexer.rebuild(home.resolve("index"), BundledCatalogue.load());
    double mrr = 0;
    double ndcg = 0;
    StringBuilder misses = new StringBuilder();
    try (CatalogueSearcher searcher = CatalogueSearcher.open(home.resolve("index"))) {
      for (Judgements j : judged) {
        List<String> ranked =
            searcher.search(SearchRequest.of(j.query(), K)).hits().stream()
                .map(Judgements::key)
                .toList();
        double rr = j.reciprocalRank(ranked);
        mrr += rr;
        ndcg += j.ndcg(ranked, K);
        if (rr < 1) {
          misses.append(
              String.format(
                  Locale.ROOT,
                  "  rr=%.2f %-40s top3=%s%n",
                  rr,
                  j.query(),
                  ranked.subList(0, Math.min(3, ranked.size()))));
        }
      }
    }
    mrr /= judged.size();
    ndcg /= judged.size();
    System.out.printf(
        Locale.ROOT,
        "relevance: %d queries, MRR=%.3f, nDCG@%d=%.3f%n%s",
        judged.size(),
        mrr,
        K,
        ndcg,
        misses);
    assertTrue(mrr >= MRR_FLOOR, "MRR " + mrr + " under the floor " + MRR_FLOOR);
    assertTrue(ndcg >= NDCG_FLOOR, "nDCG@10 " + ndcg + " under the floor " + NDCG_FLOOR);
  }
}
