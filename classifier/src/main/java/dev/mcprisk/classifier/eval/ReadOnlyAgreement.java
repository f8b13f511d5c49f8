package dev.mcprisk.classifier.eval;

import java.util.List;
import java.util.Objects;

/**
 * Agreement of the classifier's Read category with the authors' {@code readOnlyHint}, over the
 * items whose listing sets the hint. The classifier agrees when it says Read exactly when the hint
 * is true. The labels themselves are compared the same way, because an author's hint can be wrong
 * (a {@code readOnlyHint: true} on a tool that can set state).
 *
 * @param hinted items whose listing sets {@code readOnlyHint}
 * @param agreeing items where the classifier agrees with the hint
 * @param labelAgreeing items where the label agrees with the hint
 * @param disagreements {@code "server/tool: readOnlyHint=…, classified …, labelled …"} for every
 *     item where the classifier disagrees, in item order
 */
public record ReadOnlyAgreement(
    int hinted, int agreeing, int labelAgreeing, List<String> disagreements) {
  public ReadOnlyAgreement {
    if (agreeing < 0 || agreeing > hinted || labelAgreeing < 0 || labelAgreeing > hinted) {
      throw new IllegalArgumentException("counts out of range 0.." + hinted);
    }
    disagreements = List.copyOf(Objects.requireNonNull(disagreements, "disagreements == null"));
  }

  /** agreeing / hinted, 0 to 1; 1 when no item is hinted. */
  public double rate() {
    return hinted == 0 ? 1.0 : (double) agreeing / hinted;
  }

  /** labelAgreeing / hinted, 0 to 1: the best rate a classifier matching every label gets. */
  public double labelRate() {
    return hinted == 0 ? 1.0 : (double) labelAgreeing / hinted;
  }
}
