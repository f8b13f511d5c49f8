package dev.mcprisk.crawler.packages;

/**
 * The user's npm configuration names no usable registry. The message says what was tried and what
 * to do; it never holds a credential.
 */
public final class NpmConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must hold no credential. */
  public NpmConfigException(String message) {
    super(message);
  }
}
