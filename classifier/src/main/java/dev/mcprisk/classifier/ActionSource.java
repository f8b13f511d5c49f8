package dev.mcprisk.classifier;

/**
 * Where the base action of a tool came from, in the order the classifier tries them (see {@link
 * Classifier}).
 */
enum ActionSource {
  /** A verb in the tool name. */
  NAME,
  /** A verb in the description's first sentence. */
  FIRST_SENTENCE,
  /** A verb in the title. */
  TITLE,
  /** A verb anywhere in the description. */
  ANY_SENTENCE,
  /** A read noun in the name ({@code logs}, {@code stats}). */
  READ_NOUN,
  /** The server's {@code readOnlyHint} alone. */
  ANNOTATION,
  /** Nothing: the tool is Other. */
  NONE;

  /** Whether the action was read from the tool's words rather than assumed. */
  boolean fromEvidence() {
    return this != ANNOTATION && this != NONE;
  }
}
