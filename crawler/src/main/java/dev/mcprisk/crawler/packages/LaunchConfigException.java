package dev.mcprisk.crawler.packages;

/**
 * A launch settings file that cannot be read or breaks a rule of {@link LaunchConfig}. The message
 * names the file and the key at fault, never a value (values may be secrets).
 */
public final class LaunchConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public LaunchConfigException(String message) {
    super(message);
  }

  public LaunchConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
