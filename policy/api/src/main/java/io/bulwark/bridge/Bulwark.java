package io.bulwark.bridge;

/**
 * Where the instrumentation finds the engine. The agent installs the real engine at start-up; until
 * then (and if start-up failed) every request is allowed.
 */
public final class Bulwark {

  /** Request attribute under which the request id is published to the application. */
  public static final String REQUEST_ID_ATTRIBUTE = "bulwark.requestId";

  private static volatile Engine engine = Engine.ALLOW_ALL;

  private Bulwark() {}

  public static Engine engine() {
    return engine;
  }

  /** Installs the engine that decides from now on. */
  public static void install(Engine installed) {
    if (installed == null) {
      throw new NullPointerException("engine");
    }
    engine = installed;
  }
}
