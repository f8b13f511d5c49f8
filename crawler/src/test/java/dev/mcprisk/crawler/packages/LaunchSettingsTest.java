package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

  @Test
  void npmGetsItsConfigurationAndTheCertificateVariablesAndNothingElse() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("PATH", "/usr/bin");
    machine.put("HOME", "/home/u");
    machine.put("PREFIX", "/opt/node");
    machine.put("NPM_CONFIG_GLOBALCONFIG", "/etc/npmrc-corp");
    machine.put("NPM_CONFIG_USERCONFIG", "/home/u/.npmrc-work");
    machine.put("npm_config_cafile", "/etc/corp.pem");
    machine.put("NODE_EXTRA_CA_CERTS", "/etc/corp.pem");
    machine.put("SSL_CERT_FILE", "/etc/ssl/corp.pem");
    machine.put("SSL_CERT_DIR", "/etc/ssl/certs");
    machine.put("HTTPS_PROXY", "http://proxy:3128");
    machine.put("GITHUB_TOKEN", "ghp_secret");
    machine.put("NODE_TLS_REJECT_UNAUTHORIZED", "0");
    machine.put("NODE_PATH", "/evil");
    machine.put("NODE_OPTIONS", " --require /tmp/evil.js --use-openssl-ca  --import=x ");

    Map<String, String> npm = LaunchSettings.npmEnvironment(machine);

    Map<String, String> expected = new LinkedHashMap<>(machine);
    expected.remove("GITHUB_TOKEN");
    expected.remove("NODE_TLS_REJECT_UNAUTHORIZED");
    expected.remove("NODE_PATH");
    expected.put("NODE_OPTIONS", "--use-openssl-ca");
    assertEquals(expected, npm);
  }

  @Test
  void nodeOptionsWithoutACertificateFlagAreDroppedWhole() {
    Map<String, String> npm =
        LaunchSettings.npmEnvironment(Map.of("NODE_OPTIONS", "--max-old-space-size=4096"));

    assertEquals(Map.of(), npm);
  }
}
