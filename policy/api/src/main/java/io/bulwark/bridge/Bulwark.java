package io.bulwark.bridge;

/**
 * Where the instrumentation finds the engine.
 *
 * <p>With {@code -javaagent} the agent assembles its engine (policy, audit, engine) on a background
 * thread while the application starts, so that this work does not delay the application's own
 * start-up. Until it is installed, a request waits for it ({@link #engine()}), bounded by {@link
 * #START_WAIT_MILLIS}: no request reaches the application unchecked merely because it came early.
 * If start-up failed or took longer than that, every request is allowed, and that is logged.
 */
public final class Bulwark {

  /** Request attribute under which the request id is published to the application. */
  public static final String REQUEST_ID_ATTRIBUTE = "bulwark.requestId";

  /** How long a request waits for an engine still being assembled. */
  public static final long START_WAIT_MILLIS = 30_000;

  private static volatile Engine engine = Engine.ALLOW_ALL;
  /** The thread assembling the engine, while it does; {@code null} otherwise. */
  private static volatile Thread assembling;
  private static final Object STARTED = new Object();

  private Bulwark() {}

  public static Engine engine() {
    if (assembling != null) {
      awaitStart();
    }
    return engine;
  }

  /**
   * Marks the engine as being assembled by {@code thread}: from now on requests wait for {@link
   * #started()}. The assembling thread itself never waits (its own file reads may reach sinks).
   */
  public static void starting(Thread thread) {
    assembling = thread;
  }

  /** Ends {@link #starting}: waiting requests go on with the installed engine (or allow-all). */
  public static void started() {
    synchronized (STARTED) {
      assembling = null;
      STARTED.notifyAll();
    }
  }

  private static void awaitStart() {
    Thread thread = assembling;
    if (thread == null || thread == Thread.currentThread()) {
      return;
    }
    long deadline = System.nanoTime() + START_WAIT_MILLIS * 1_000_000L;
    synchronized (STARTED) {
      try {
        long remaining;
        while (assembling != null && (remaining = (deadline - System.nanoTime()) / 1_000_000L) > 0) {
          STARTED.wait(remaining);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the caller's thread is being stopped: do not hold it
      }
    }
    if (assembling != null) {
      AgentLog.errorOnce("agent-start-wait", new IllegalStateException("the agent has not started after "
          + START_WAIT_MILLIS / 1000 + " s; requests are not checked until it has"));
    }
  }

  /** Installs the engine that decides from now on. */
  public static void install(Engine installed) {
    if (installed == null) {
      throw new NullPointerException("engine");
    }
    engine = installed;
  }
}
