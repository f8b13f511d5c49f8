package dev.mcprisk.crawler.packages;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link NpmRegistryConfig} looks: the environment, the folders that hold the project and
 * user {@code .npmrc}, the global {@code npmrc}, and npm itself. Injectable so tests never read
 * this machine's configuration.
 *
 * @param environment variables ({@code NPM_CONFIG_*}, {@code npm_config_*}, and those {@code
 *     ${VAR}} in an npmrc refers to); never null
 * @param workingDirectory where the project {@code .npmrc} is looked for; absolute
 * @param home the user's home ({@code ~/.npmrc}); absolute; may be null when unknown
 * @param defaultGlobalNpmrc the global {@code npmrc} when neither {@code npm_config_globalconfig}
 *     nor {@code npm_config_prefix} is set; may be null
 * @param command asks npm as the last resort; never null ({@link NpmConfigCommand#none()} to skip)
 */
public record NpmConfigSources(
    Map<String, String> environment,
    Path workingDirectory,
    Path home,
    Path defaultGlobalNpmrc,
    NpmConfigCommand command) {

  public NpmConfigSources {
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
    Objects.requireNonNull(workingDirectory, "workingDirectory == null");
    if (!workingDirectory.isAbsolute()) {
      throw new IllegalArgumentException("workingDirectory is not absolute: " + workingDirectory);
    }
    if (home != null && !home.isAbsolute()) {
      throw new IllegalArgumentException("home is not absolute: " + home);
    }
    Objects.requireNonNull(command, "command == null");
  }

  /**
   * This process's sources: its environment, {@code workingDirectory}, {@code user.home}, {@code
   * <prefix>/etc/npmrc} with the prefix npm derives from the {@code node} on {@code PATH} (the
   * folder above its {@code bin}), and the {@code npm} on {@code PATH} (none when absent).
   *
   * @param workingDirectory folder of the project, usually the current directory
   */
  public static NpmConfigSources system(Path workingDirectory) {
    Map<String, String> environment = System.getenv();
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
    Path global =
        NodeRuntime.findNode()
            .map(node -> NodeRuntime.installRoot(NodeRuntime.realPath(node)))
            .map(prefix -> prefix.resolve("etc").resolve("npmrc"))
            .orElse(null);
    Path dir = workingDirectory.toAbsolutePath().normalize();
    NpmConfigCommand command =
        NodeRuntime.findNpm()
            .map(npm -> NpmConfigCommand.npm(npm, dir, environment.get("PATH"), home.toString()))
            .orElse(NpmConfigCommand.none());
    return new NpmConfigSources(environment, dir, home, global, command);
  }
}
