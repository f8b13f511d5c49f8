package dev.mcprisk.crawler.net;

import java.net.Proxy;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * OkHttp clients that connect only where an {@link AddressPolicy} allows: the one way every HTTP
 * client of the crawler is built (MCP endpoints, registry sources).
 *
 * <p>The builder it returns resolves names with {@link AddressPolicy#dns()}, checks every connected
 * socket with {@link AddressPolicy#connectionCheck()}, uses no proxy (a proxy would connect on our
 * behalf, out of the policy's sight), and neither follows redirects nor retries connections by
 * itself: callers follow redirects by hand, checking each hop with {@link
 * AddressPolicy#check(okhttp3.HttpUrl)}, and decide about retries. Timeouts, caches and
 * interceptors are the caller's to add.
 *
 * <p>Stateless and thread-safe.
 */
public final class GuardedHttpClients {
  private GuardedHttpClients() {}

  /**
   * A new builder guarded by {@code policy}.
   *
   * @param policy where connections may go; never null
   */
  public static OkHttpClient.Builder builder(AddressPolicy policy) {
    Objects.requireNonNull(policy, "policy == null");
    return new OkHttpClient.Builder()
        .proxy(Proxy.NO_PROXY)
        .dns(policy.dns())
        .addNetworkInterceptor(policy.connectionCheck())
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false);
  }
}
