package dev.mcprisk.pipeline;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop a run at its next safe point (between stages, between servers), and the
 * handling of SIGTERM and SIGINT that raises it.
 *
 * <p>A {@link Pipeline} checks {@link #stopRequested()} between stages and between servers in its
 * long loops; when set, it records the run as INTERRUPTED and returns. Nothing committed is undone:
 * every store write is its own transaction, and the index and export are replaced atomically or not
 * at all.
 *
 * <p>Why a signal handler and not a shutdown hook: in a shutdown hook the JVM is already exiting
 * and H2's own hook closes the database concurrently (H2's mixed mode cannot turn that off), so the
 * run's end could not be recorded. The handler ({@code sun.misc.Signal}, module {@code
 * jdk.unsupported}) only raises this signal; the run ends at a safe point and the command exits
 * normally, with status 128 + the signal number. A watchdog exits the JVM after {@link
 * #SHUTDOWN_GRACE} if no safe point came (a live crawl is bounded by its own total timeout); that
 * run stays RUNNING until the next run takes over its stale lock and marks it INTERRUPTED.
 *
 * <p>Work that cannot wait for a safe point (HTTP fetches in flight, which the next safe point
 * would otherwise wait for) registers with {@link #onStop}: it runs at once on the thread that
 * raises the signal.
 *
 * <p>Thread-safe: any thread may request a stop.
 */
public final class StopSignal {
  /** Longest time from a signal to the JVM's exit: 25 seconds. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(25);

  /** SIGINT's number, for the exit status 128 + n. */
  static final int SIGINT = 2;

  /** SIGTERM's number, for the exit status 128 + n. */
  static final int SIGTERM = 15;

  private volatile String reason;
  private volatile int signalNumber;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** A registration made by {@link #onStop}; closing it removes the action. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** A signal no one has raised yet. */
  public StopSignal() {}

  /**
   * Asks every current and later run to stop at its next safe point.
   *
   * @param why what asked, e.g. {@code "SIGTERM"}; the first reason given is kept
   */
  public void requestStop(String why) {
    if (raise(why)) {
      notifyListeners();
    }
  }

  /**
   * Runs {@code action} when a stop is requested, on the requesting thread, at most once; at once
   * when one already was. An action must return quickly and not throw (what it throws is ignored).
   *
   * @param action e.g. cancel the HTTP fetches in flight; never null
   * @return closes to remove the action (a scheduler's runs must not pile them up)
   */
  public Registration onStop(Runnable action) {
    Objects.requireNonNull(action, "action == null");
    listeners.add(action);
    if (stopRequested() && listeners.remove(action)) {
      runQuietly(action);
    }
    return () -> listeners.remove(action);
  }

  /** Sets the reason when none is set; true when this call set it. */
  private synchronized boolean raise(String why) {
    if (reason != null) {
      return false;
    }
    reason = why == null ? "stop requested" : why;
    return true;
  }

  private void notifyListeners() {
    for (Runnable action : listeners) {
      if (listeners.remove(action)) {
        runQuietly(action);
      }
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException ignored) {
      // a stop action failing must not keep the others or the stop itself from happening
    }
  }

  /** True once {@link #requestStop} was called. */
  public boolean stopRequested() {
    return reason != null;
  }

  /** What asked to stop; null when nothing did. */
  public String reason() {
    return reason;
  }

  /**
   * The conventional exit status of a process stopped by the signal received: 143 for SIGTERM, 130
   * for SIGINT; 0 when no signal was received.
   */
  public int signalExitStatus() {
    return signalNumber == 0 ? 0 : 128 + signalNumber;
  }

  /**
   * Handles SIGTERM and SIGINT for this JVM: each raises the returned signal, runs {@code onStop}
   * once on a new thread, and starts a watchdog that exits the JVM (status 128 + n) after {@link
   * #SHUTDOWN_GRACE} should the command not have ended by then. Where {@code sun.misc.Signal} is
   * unavailable, a shutdown hook raises the signal instead (the run then may not record its end).
   *
   * @param onStop e.g. stop a scheduler; may be null
   * @return the signal the handlers raise
   */
  public static StopSignal onSignals(Runnable onStop) {
    StopSignal stop = new StopSignal();
    boolean handled = stop.handle("TERM", SIGTERM, onStop) & stop.handle("INT", SIGINT, onStop);
    if (!handled) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> stop.requestStop("JVM shutdown"), "mcprisk-shutdown-hook"));
    }
    return stop;
  }

  private void received(String name, int number, Runnable onStop) {
    synchronized (this) {
      if (reason != null) {
        return;
      }
      signalNumber = number;
      raise("SIG" + name);
    }
    notifyListeners();
    if (onStop != null) {
      Thread stopper = new Thread(onStop, "mcprisk-stop");
      stopper.setDaemon(true);
      stopper.start();
    }
    Thread watchdog =
        new Thread(
            () -> {
              try {
                TimeUnit.MILLISECONDS.sleep(SHUTDOWN_GRACE.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println(
                  "mcprisk: no safe point within " + SHUTDOWN_GRACE.toSeconds() + " s; exiting");
              System.exit(128 + number);
            },
            "mcprisk-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private boolean handle(String name, int number, Runnable onStop) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      InvocationHandler body =
          (proxy, method, args) ->
              switch (method.getName()) {
                case "handle" -> {
                  received(name, number, onStop);
                  yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "mcprisk SIG" + name + " handler";
              };
      Object handler =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, body);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
