package io.bulwark.policy.ratelimit.redis;

import io.bulwark.bridge.AgentLog;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the log lines of Lettuce, Netty and Reactor go: Bulwark's own log ({@code [bulwark]} on
 * standard error), never the application's logging. Left to themselves these libraries look for
 * SLF4J and fall back to java.util.logging, which would initialise the application's log manager
 * and mix our lines into its logs.
 *
 * <p>Warnings and errors are printed once per logger and message pattern (an outage repeats the
 * same line on every reconnection attempt; Bulwark audits the outage itself); the rest only with
 * {@code -Dbulwark.debug=true}.
 */
final class LibraryLog {

  static final boolean DEBUG = Boolean.getBoolean("bulwark.debug");
  private static final int MAX_PATTERNS = 256;
  private static final ConcurrentHashMap<String, Boolean> PRINTED = new ConcurrentHashMap<>();

  private LibraryLog() {}

  static void warn(String logger, String format, Object[] args, Throwable error) {
    if (DEBUG || PRINTED.size() < MAX_PATTERNS && PRINTED.putIfAbsent(logger + '|' + format, Boolean.TRUE) == null) {
      AgentLog.warn("rate limit store (" + simpleName(logger) + "): " + format(format, args)
          + (error == null ? "" : ": " + error) + (DEBUG ? "" : " (printed once)"));
    }
  }

  static void debug(String logger, String format, Object[] args, Throwable error) {
    if (DEBUG) {
      AgentLog.debug(simpleName(logger) + ": " + format(format, args) + (error == null ? "" : ": " + error));
    }
  }

  /** SLF4J-style {@code {}} placeholders, filled in order. */
  static String format(String format, Object[] args) {
    if (format == null) {
      return "null";
    }
    if (args == null || args.length == 0) {
      return format;
    }
    StringBuilder text = new StringBuilder(format.length() + 32);
    int from = 0;
    int arg = 0;
    int at;
    while (arg < args.length && (at = format.indexOf("{}", from)) >= 0) {
      text.append(format, from, at).append(args[arg++]);
      from = at + 2;
    }
    return text.append(format, from, format.length()).toString();
  }

  /** The last trailing throwable of SLF4J-style arguments, or {@code null}. */
  static Throwable trailingError(Object[] args) {
    return args != null && args.length > 0 && args[args.length - 1] instanceof Throwable
        ? (Throwable) args[args.length - 1] : null;
  }

  private static String simpleName(String logger) {
    int dot = logger == null ? -1 : logger.lastIndexOf('.');
    return dot < 0 ? String.valueOf(logger) : logger.substring(dot + 1);
  }
}
