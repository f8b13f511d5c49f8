package dev.mcprisk.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process that holds (or wants) the pipeline lock: its pid, its host name and, where the OS
 * tells, its start time (which tells a live owner from a new process that got the same pid).
 *
 * @param pid operating-system process id, positive
 * @param host host name as the process saw it; never blank
 * @param processStartedAt when the process started; null when the OS does not say
 */
public record RunLockOwner(long pid, String host, Instant processStartedAt) {
  public RunLockOwner {
    Objects.requireNonNull(host, "host == null");
    if (pid <= 0) {
      throw new IllegalArgumentException("pid <= 0: " + pid);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("host is blank");
    }
  }

  /** This JVM's process. */
  public static RunLockOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new RunLockOwner(self.pid(), localHost(), self.info().startInstant().orElse(null));
  }

  /** {@code pid@host}, the form every message shows. */
  @Override
  public String toString() {
    return pid + "@" + host;
  }

  /**
   * True when this owner runs on {@code here}'s host and its process is gone (no such pid, or the
   * pid now belongs to a process started at another time). An owner on another host is never called
   * gone: its liveness cannot be checked from here.
   */
  public boolean isGoneSeenFrom(RunLockOwner here) {
    if (!host.equals(here.host())) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return processStartedAt != null
        && started.isPresent()
        && !started.get().equals(processStartedAt);
  }

  private static String localHost() {
    String env = System.getenv("HOSTNAME");
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }
}
