package dev.mcprisk.classifier.eval;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The labels file on the test classpath. */
final class EvalFixtures {
  private EvalFixtures() {}

  static Path labelsFile() {
    URL url = EvalFixtures.class.getResource("/eval/labels.jsonl");
    if (url == null) {
      throw new IllegalStateException("eval/labels.jsonl is not on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
