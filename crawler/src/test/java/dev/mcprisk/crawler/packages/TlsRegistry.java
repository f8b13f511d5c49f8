package dev.mcprisk.crawler.packages;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTPS server whose certificate is signed by a private CA made for the test with the
 * JDK's {@code keytool} (so a client that does not trust {@link #caPem()} fails with {@code
 * SELF_SIGNED_CERT_IN_CHAIN}, as behind a TLS-inspecting proxy). Serves fixed bodies by path.
 */
final class TlsRegistry implements AutoCloseable {
  private static final String PASSWORD = "changeit";

  private final HttpsServer server;
  private final Path caPem;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final List<String> requests = new ArrayList<>();

  private TlsRegistry(HttpsServer server, Path caPem) {
    this.server = server;
    this.caPem = caPem;
  }

  /** Makes a CA and a server key signed by it in {@code dir}, and starts on a free port. */
  static TlsRegistry start(Path dir) throws Exception {
    Path ca = dir.resolve("ca.p12");
    Path leaf = dir.resolve("server.p12");
    Path caPem = dir.resolve("ca.pem");
    Path request = dir.resolve("server.csr");
    Path signed = dir.resolve("server.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=mcprisk test CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca.toString());
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-file",
        caPem.toString());
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        leaf.toString());
    keytool(
        "-certreq", "-alias", "server", "-keystore", leaf.toString(), "-file", request.toString());
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-infile",
        request.toString(),
        "-outfile",
        signed.toString(),
        "-rfc",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-keystore",
        leaf.toString(),
        "-file",
        caPem.toString());
    keytool(
        "-importcert",
        "-alias",
        "server",
        "-keystore",
        leaf.toString(),
        "-file",
        signed.toString());

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(leaf)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    TlsRegistry registry = new TlsRegistry(server, caPem);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          synchronized (registry.requests) {
            registry.requests.add(path);
          }
          byte[] body = registry.bodies.get(path);
          if (body == null) {
            body = "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
          } else {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
          }
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return registry;
  }

  /** The base URL, ending in a slash. */
  String baseUrl() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The private CA's certificate, PEM. */
  Path caPem() {
    return caPem;
  }

  void serve(String path, byte[] body) {
    bodies.put(path, body);
  }

  /** Paths requested so far. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(
          "keytool " + String.join(" ", args) + ": " + new String(output, StandardCharsets.UTF_8));
    }
  }
}
