package dev.mcprisk.classifier.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcprisk.model.Category;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand labels of the corpus tools (eval/corpus-labels.jsonl, see eval/README.md). */
class CorpusLabelsTest {
  /** Distinct (server, tool) pairs of the corpus (3,855 lines, one pair listed twice). */
  private static final int LABELLED_TOOLS = 3_854;

  private static final int SERVERS = 177;

  private static final int HOLDOUT_SERVERS = 49;

  private static LabelSet labels;

  @BeforeAll
  static void load() throws IOException {
    labels = LabelSet.load(EvalFixtures.corpusLabelsFile());
  }

  @Test
  void labelsEveryCorpusToolOnce() {
    assertEquals(LABELLED_TOOLS, labels.items().size());
    assertEquals(
        SERVERS,
        labels.items().stream().map(LabelledTool::server).collect(Collectors.toSet()).size());
  }

  @Test
  void theSplitIsByServerAndFollowsTheHashRule() {
    Map<String, Split> sideOf = new HashMap<>();
    for (LabelledTool item : labels.items()) {
      assertEquals(
          Split.ofServer(item.server()), item.split(), item.server() + " / " + item.name());
      Split earlier = sideOf.putIfAbsent(item.server(), item.split());
      assertTrue(earlier == null || earlier == item.split(), item.server() + " is on both sides");
    }
    Set<String> holdout =
        sideOf.entrySet().stream()
            .filter(e -> e.getValue() == Split.HOLDOUT)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertEquals(HOLDOUT_SERVERS, holdout.size());
  }

  @Test
  void labelsNoToolOtherAndCarriesEachToolsDefinition() {
    for (LabelledTool item : labels.items()) {
      assertTrue(item.expectedCategory() != Category.OTHER, item.name());
      assertEquals(item.server(), item.context().name());
    }
  }
}
