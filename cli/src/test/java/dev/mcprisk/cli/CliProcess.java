package dev.mcprisk.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real runnable jar ({@code cli/target/mcprisk.jar}) as a user would. */
final class CliProcess {
  /** Longest a single CLI invocation may take in a test: 5 minutes. */
  static final long TIMEOUT_SECONDS = 300;

  /** Exit code, standard output and standard error of one run. */
  record Result(int exitCode, String stdout, String stderr) {}

  private CliProcess() {}

  static Path jar() {
    Path jar = Path.of(System.getProperty("mcprisk.jar", "target/mcprisk.jar"));
    assertTrue(Files.isRegularFile(jar), "runnable jar missing: " + jar.toAbsolutePath());
    return jar;
  }

  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("MCPRISK_HOME");
    pb.environment().remove("MCPRISK_SERVERS_DIR");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("mcprisk-out", ".txt");
    Path err = Files.createTempFile("mcprisk-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = pb.start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("mcprisk " + String.join(" ", args) + " did not end in time");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }
}
