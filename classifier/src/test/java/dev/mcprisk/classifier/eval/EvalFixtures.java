package dev.mcprisk.classifier.eval;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The labels files on the test classpath. */
final class EvalFixtures {
  private EvalFixtures() {}

  /** The 302 bundled tools' labels, split by tool. */
  static Path labelsFile() {
    return resource("eval/labels.jsonl");
  }

  /** The corpus tools' labels, each with its tool, split by server. */
  static Path corpusLabelsFile() {
    return resource("eval/corpus-labels.jsonl");
  }

  private static Path resource(String name) {
    URL url = EvalFixtures.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalStateException(name + " is not on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
