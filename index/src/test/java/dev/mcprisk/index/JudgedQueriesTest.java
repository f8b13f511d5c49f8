package dev.mcprisk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgedQueriesTest {
  @Test
  void loadsTheShippedSetFromTheClassPathInFileOrder() {
    List<JudgedQuery> judged = JudgedQueries.load();
    assertTrue(judged.size() >= 50, "at least 50 judged queries: " + judged.size());
    assertEquals("refund a payment", judged.get(0).query());
    assertEquals(Map.of("npm:@stripe/mcp#create_refund", 3), judged.get(0).relevant());
    assertEquals(judged.stream().map(JudgedQuery::query).toList(), JudgedQueries.queries());
  }

  @Test
  void gradesOutsideOneToThreeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new JudgedQuery("q", Map.of("k", 4)));
    assertThrows(IllegalArgumentException.class, () -> new JudgedQuery("q", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new JudgedQuery(" ", Map.of("k", 1)));
  }
}
