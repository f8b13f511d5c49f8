package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcprisk.model.RiskLevel;
import org.junit.jupiter.api.Test;

class SearchRequestTest {
  @Test
  void defaultsAreFirstPageByRelevanceWithFacetsAndFuzzyRetry() {
    SearchRequest request = SearchRequest.builder("delete").build();
    assertEquals(IndexDefaults.DEFAULT_LIMIT, request.limit());
    assertEquals(0, request.offset());
    assertEquals(SearchSort.RELEVANCE, request.sort());
    assertEquals(true, request.facets());
    assertEquals(true, request.fuzzy());
  }

  @Test
  void blankQueryIsAllowedOnlyWithAFilter() {
    assertEquals(
        "query is blank",
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of(" ", 10)).getMessage());
    assertEquals(
        RiskLevel.HIGH, SearchRequest.builder("").minRisk(RiskLevel.HIGH).build().minRisk());
    assertEquals(
        "query is blank",
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchRequest.builder("").server("  ").build())
            .getMessage());
  }

  @Test
  void offsetAndLimitOutOfRangeAreRejectedWithTheRange() {
    assertEquals(
        "offset must be 0..10000: 10001",
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchRequest.builder("x").offset(10_001).build())
            .getMessage());
    assertEquals(
        "limit must be 1..1000: 1001",
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("x", 1001))
            .getMessage());
  }

  @Test
  void sortParsesCaseInsensitivelyAndNamesTheChoices() {
    assertEquals(SearchSort.RISK, SearchSort.parse(" Risk "));
    assertEquals(
        "unknown sort 'score' (expected one of relevance, risk)",
        assertThrows(IllegalArgumentException.class, () -> SearchSort.parse("score")).getMessage());
  }
}
