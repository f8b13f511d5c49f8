package dev.mcprisk.crawler.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmRegistryConfigTest {

  @TempDir Path temp;

  private Path home;
  private Path project;
  private Path work;
  private Map<String, String> env;

  @BeforeEach
  void folders() throws IOException {
    home = Files.createDirectories(temp.resolve("home"));
    project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(project.resolve("package.json"), "{}");
    work = Files.createDirectories(project.resolve("src/deep"));
    env = new HashMap<>();
  }

  private NpmRegistry resolve() throws NpmConfigException {
    return resolve(NpmConfigCommand.none(), null);
  }

  private NpmRegistry resolve(NpmConfigCommand command, Path global) throws NpmConfigException {
    return NpmRegistryConfig.resolve(new NpmConfigSources(env, work, home, global, command));
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  @Test
  void theEnvironmentWinsOverEveryFileAndNpm() throws Exception {
    env.put("npm_config_registry", "https://env.example/npm");
    write(project.resolve(".npmrc"), "registry=https://project.example/");
    write(home.resolve(".npmrc"), "registry=https://user.example/");

    NpmRegistry registry = resolve(() -> Optional.of("https://npm.example/"), null);

    assertEquals(URI.create("https://env.example/npm/"), registry.registry());
    assertEquals("environment", registry.source());
  }

  @Test
  void upperCaseEnvironmentVariableIsReadAndLowerCaseWinsOverIt() throws Exception {
    env.put("NPM_CONFIG_REGISTRY", "https://upper.example/");
    assertEquals(URI.create("https://upper.example/"), resolve().registry());

    env.put("npm_config_registry", "https://lower.example/");
    assertEquals(URI.create("https://lower.example/"), resolve().registry());
  }

  @Test
  void theProjectNpmrcAboveTheWorkingDirectoryWinsOverTheUserNpmrc() throws Exception {
    write(project.resolve(".npmrc"), "registry=https://project.example/");
    write(home.resolve(".npmrc"), "registry=https://user.example/");

    NpmRegistry registry = resolve();

    assertEquals(URI.create("https://project.example/"), registry.registry());
    assertEquals(project.resolve(".npmrc").toString(), registry.source());
  }

  @Test
  void theUserNpmrcComesFromNpmConfigUserconfigWhenSet() throws Exception {
    write(home.resolve(".npmrc"), "registry=https://home.example/");
    Path other = temp.resolve("elsewhere/npmrc");
    write(other, "registry=https://userconfig.example/");
    assertEquals(URI.create("https://home.example/"), resolve().registry());

    env.put("NPM_CONFIG_USERCONFIG", other.toString());

    assertEquals(URI.create("https://userconfig.example/"), resolve().registry());
  }

  @Test
  void theGlobalNpmrcIsReadLastOfTheFilesFromThePrefix() throws Exception {
    Path defaultGlobal = temp.resolve("usr/etc/npmrc");
    write(defaultGlobal, "registry=https://default-global.example/");
    assertEquals(
        URI.create("https://default-global.example/"),
        resolve(NpmConfigCommand.none(), defaultGlobal).registry());

    Path prefix = temp.resolve("prefix");
    write(prefix.resolve("etc/npmrc"), "registry=https://prefix-global.example/");
    env.put("npm_config_prefix", prefix.toString());
    assertEquals(
        URI.create("https://prefix-global.example/"),
        resolve(NpmConfigCommand.none(), defaultGlobal).registry());

    write(home.resolve(".npmrc"), "registry=https://user.example/");
    assertEquals(
        URI.create("https://user.example/"),
        resolve(NpmConfigCommand.none(), defaultGlobal).registry());
  }

  @Test
  void npmConfigGetRegistryIsAskedOnlyWhenNoFileNamesARegistry() throws Exception {
    write(home.resolve(".npmrc"), "fund=false");

    NpmRegistry registry = resolve(() -> Optional.of("https://from-npm.example"), null);

    assertEquals(URI.create("https://from-npm.example/"), registry.registry());
    assertEquals("npm config get registry", registry.source());
  }

  @Test
  void nothingConfiguredAndNoNpmIsAClearError() {
    NpmConfigException e = assertThrows(NpmConfigException.class, this::resolve);

    assertTrue(
        e.getMessage()
            .startsWith("no npm registry configured: set NPM_CONFIG_REGISTRY or install npm"),
        e.getMessage());
    assertTrue(e.getMessage().contains(home.resolve(".npmrc").toString()), e.getMessage());
  }

  @Test
  void aRegistryThatIsNotAnHttpUrlIsAClearErrorNamingItsFile() throws Exception {
    write(home.resolve(".npmrc"), "registry=ftp://files.example/");

    NpmConfigException e = assertThrows(NpmConfigException.class, this::resolve);

    assertEquals(
        "the npm registry from "
            + home.resolve(".npmrc")
            + " is not an http(s) registry URL: ftp://files.example/",
        e.getMessage());
  }

  @Test
  void scopedRegistriesMergeOverTheLayersAndPickThePackagesRegistry() throws Exception {
    write(
        home.resolve(".npmrc"),
        "registry=https://user.example/",
        "@myco:registry=https://user-myco.example/",
        "@other:registry=https://user-other.example/");
    write(project.resolve(".npmrc"), "@other:registry=https://project-other.example/");
    env.put("npm_config_@myco:registry", "https://env-myco.example/");

    NpmRegistry registry = resolve();

    assertEquals(
        Map.of(
            "@myco", URI.create("https://env-myco.example/"),
            "@other", URI.create("https://project-other.example/")),
        registry.scopes());
    assertEquals(URI.create("https://env-myco.example/"), registry.registryFor("@myco/tool"));
    assertEquals(
        URI.create("https://user.example/"), registry.registryFor("@upstash/context7-mcp"));
    assertEquals(URI.create("https://user.example/"), registry.registryFor("left-pad"));
    assertEquals(
        URI.create("https://user.example/@upstash%2fcontext7-mcp"),
        registry.packumentUrl("@upstash/context7-mcp"));
    assertEquals(
        URI.create("https://project-other.example/@other%2fthing"),
        registry.packumentUrl("@other/thing"));
    assertEquals(URI.create("https://user.example/left-pad"), registry.packumentUrl("left-pad"));
  }

  @Test
  void environmentVariablesInTheNpmrcAreExpandedAndAnUnsetOneDropsTheEntry() throws Exception {
    env.put("REGISTRY_HOST", "registry.corp.example");
    write(project.resolve(".npmrc"), "registry=https://${MISSING_HOST}/");
    write(home.resolve(".npmrc"), "registry=https://${REGISTRY_HOST}/npm/${SUFFIX?}");

    NpmRegistry registry = resolve();

    assertEquals(URI.create("https://registry.corp.example/npm/"), registry.registry());
    assertEquals(
        List.of(
            project.resolve(".npmrc")
                + ":1: skipped 'registry', its value uses an unset environment variable"),
        registry.notes());
  }

  @Test
  void quotesInlineCommentsAndSectionsAreReadAsNpmDoes() throws Exception {
    write(
        home.resolve(".npmrc"),
        "; a comment",
        "# another",
        "[section]",
        "registry=https://in-a-section.example/");
    write(project.resolve(".npmrc"), "  registry = https://commented.example/ ; inline comment");
    assertEquals(URI.create("https://commented.example/"), resolve().registry());

    write(project.resolve(".npmrc"), "registry=\"https://quoted.example/a;b\"");
    assertEquals(URI.create("https://quoted.example/a;b/"), resolve().registry());

    Files.delete(project.resolve(".npmrc"));
    NpmConfigException e = assertThrows(NpmConfigException.class, this::resolve);
    assertTrue(e.getMessage().startsWith("no npm registry configured"), e.getMessage());
  }

  @Test
  void authTokensPasswordsAndUserInfoAreNeverShown() throws Exception {
    String token = "npm_SECRETtoken1234567890";
    String password = "pa55w0rd-value";
    write(
        home.resolve(".npmrc"),
        "registry=https://deploy:" + password + "@registry.corp.example/",
        "//registry.corp.example/:_authToken=" + token,
        "//registry.corp.example/:_password=${UNSET_PASSWORD}",
        "//registry.corp.example/:_auth=${ALSO_UNSET}",
        "@corp:registry=ftp://deploy:" + password + "@files.example/");

    NpmRegistry registry = resolve();
    String shown = registry + " " + registry.notes();

    assertFalse(shown.contains(token), shown);
    assertFalse(shown.contains(password), shown);
    assertFalse(shown.contains("_authToken"), shown);
    assertTrue(shown.startsWith("NpmRegistry[https://registry.corp.example/ from "), shown);
    assertTrue(shown.contains(":3: skipped a credential, its value uses an unset"), shown);

    write(home.resolve(".npmrc"), "registry=ftp://deploy:" + password + "@files.example/");
    NpmConfigException e = assertThrows(NpmConfigException.class, this::resolve);
    assertFalse(e.getMessage().contains(password), e.getMessage());
  }

  @Test
  void theProjectNpmrcIsNotReadTwiceWhenTheProjectIsTheHomeFolder() throws Exception {
    Path homeProject = temp.resolve("home-project");
    write(homeProject.resolve(".npmrc"), "registry=${MISSING}");
    Files.writeString(homeProject.resolve("package.json"), "{}");

    NpmRegistry registry =
        NpmRegistryConfig.resolve(
            new NpmConfigSources(
                env, homeProject, homeProject, null, () -> Optional.of("https://npm.example/")));

    assertEquals(1, registry.notes().size(), registry.notes().toString());
  }
}
