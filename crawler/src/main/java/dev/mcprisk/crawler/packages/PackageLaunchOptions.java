package dev.mcprisk.crawler.packages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the user wants one package started, from a {@link LaunchConfig}: arguments after its bin,
 * environment variables, and files created in the server's working directory before it starts.
 * {@value #WORK_DIR} in an argument or a literal value is replaced by that directory's absolute
 * path.
 *
 * @param args arguments, in order; never null
 * @param env variables by name, in file order; never null
 * @param files file contents (UTF-8) by path relative to the working directory, in file order;
 *     never null
 */
public record PackageLaunchOptions(
    List<String> args, Map<String, LaunchValue> env, Map<String, String> files) {

  /** The token replaced by the server's working directory in arguments and literal values. */
  public static final String WORK_DIR = "${WORK_DIR}";

  /** No arguments, variables or files: how a package not in the file is started. */
  public static final PackageLaunchOptions NONE =
      new PackageLaunchOptions(List.of(), Map.of(), Map.of());

  public PackageLaunchOptions {
    args = List.copyOf(Objects.requireNonNull(args, "args == null"));
    env =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(env, "env == null")));
    files =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(files, "files == null")));
  }

  /** True when nothing is set. */
  public boolean isEmpty() {
    return args.isEmpty() && env.isEmpty() && files.isEmpty();
  }

  @Override
  public String toString() {
    return "PackageLaunchOptions[args="
        + args.size()
        + ", env="
        + env.keySet()
        + ", files="
        + files.keySet()
        + "]";
  }
}
