package dev.mcprisk.crawler.net;

import java.net.UnknownHostException;

/**
 * A host resolved (or connected) to an address the {@link AddressPolicy} forbids. Extends {@link
 * UnknownHostException} so OkHttp's {@link okhttp3.Dns} contract carries it out of a call
 * unchanged.
 */
public final class BlockedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the host, the address and its kind; never a secret
   */
  public BlockedAddressException(String message) {
    super(message);
  }
}
