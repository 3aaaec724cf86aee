package io.bulwark.policy.audit;

import io.bulwark.bridge.AgentLog;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Hands written audit lines to the application's own SLF4J, logger {@code bulwark.audit}, for teams
 * that ship logs that way.
 *
 * <p>Isolation is kept: SLF4J is never loaded into the agent's class loader. The application's
 * {@code org.slf4j.LoggerFactory} is looked up through the context class loader of the first
 * request thread that records an event (the web application's loader on every server), and called
 * through method handles; Bulwark never configures it. Events recorded before that request (agent
 * start) are only in the file: looking up SLF4J from premain could initialise the application's
 * logging before the application does.
 */
final class Slf4jRoute {

  static final String LOGGER = "bulwark.audit";

  private volatile boolean searched;
  private volatile MethodHandle info; // (String) -> void, bound to the logger
  private volatile MethodHandle warn;

  /** Called on a request thread: finds the application's SLF4J once. Cheap after the first call. */
  void discover() {
    if (searched) {
      return;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null || loader == Slf4jRoute.class.getClassLoader()) {
      return; // not an application thread; try again on the next request
    }
    synchronized (this) {
      if (searched) {
        return;
      }
      searched = true;
      try {
        Class<?> factory = Class.forName("org.slf4j.LoggerFactory", false, loader);
        Class<?> loggerType = Class.forName("org.slf4j.Logger", false, loader);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Object logger = lookup.findStatic(factory, "getLogger", MethodType.methodType(loggerType, String.class))
            .invoke(LOGGER);
        MethodType message = MethodType.methodType(void.class, String.class);
        warn = lookup.findVirtual(loggerType, "warn", message).bindTo(logger);
        info = lookup.findVirtual(loggerType, "info", message).bindTo(logger);
        AgentLog.info("audit: events also go to the application's SLF4J logger '" + LOGGER + "'");
      } catch (ClassNotFoundException e) {
        AgentLog.warn("audit.slf4j is on but the application has no SLF4J (org.slf4j.LoggerFactory);"
            + " events go to the audit file only");
      } catch (Throwable t) {
        AgentLog.errorOnce("audit-slf4j-lookup", t);
      }
    }
  }

  boolean isReady() {
    return info != null;
  }

  /** Logs one written line (writer thread): errors at WARN, everything else at INFO. */
  void log(String action, String line) {
    MethodHandle handle = "error".equals(action) || "audit-loss".equals(action) ? warn : info;
    if (handle == null) {
      return;
    }
    try {
      handle.invoke(line);
    } catch (Throwable t) {
      AgentLog.errorOnce("audit-slf4j", t);
    }
  }
}
