package dev.mcprisk.crawler.packages;

/**
 * Package metadata (an npm packument, a PyPI JSON document) could not be read: not JSON, over its
 * byte cap, or missing what every such document has. The message says which, for the crawl log.
 */
public final class PackageMetadataException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public PackageMetadataException(String message) {
    super(message);
  }

  /** An exception with {@code message} and its cause. */
  public PackageMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
