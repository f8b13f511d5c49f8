/**
 * Where the crawler may connect: {@link dev.mcprisk.crawler.net.AddressPolicy} (public unicast only
 * unless private networks are allowed; checked at name resolution and on every connected socket, so
 * redirects and DNS rebinding cannot reach this machine or its network) and {@link
 * dev.mcprisk.crawler.net.GuardedHttpClients}, the one way the crawler builds an OkHttp client.
 */
package dev.mcprisk.crawler.net;
