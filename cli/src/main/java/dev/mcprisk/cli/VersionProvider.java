package dev.mcprisk.cli;

import dev.mcprisk.classifier.Classifier;
import picocli.CommandLine.IVersionProvider;

/** Prints the tool and classifier versions for {@code --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "mcprisk " + (version == null ? "development build" : version),
      "classifier " + Classifier.VERSION
    };
  }
}
