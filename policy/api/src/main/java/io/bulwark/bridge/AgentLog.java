package io.bulwark.bridge;

import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulwark's own log: one line per message on standard error, prefixed {@code [bulwark]}.
 *
 * <p>The agent must never configure or write through the application's logging (java.util.logging,
 * SLF4J, ...), and an error that happens on every request must not flood the log: {@link #errorOnce}
 * prints each distinct cause once, with its stack trace, and counts the repeats.
 */
public final class AgentLog {

  private static final int MAX_DISTINCT_CAUSES = 1024;
  private static final ConcurrentHashMap<String, AtomicLong> CAUSES = new ConcurrentHashMap<>();
  private static final AtomicLong SUPPRESSED = new AtomicLong();
  private static final boolean DEBUG = Boolean.getBoolean("bulwark.debug");

  private AgentLog() {}

  public static void info(String message) {
    print("INFO", message, null);
  }

  public static void warn(String message) {
    print("WARN", message, null);
  }

  public static void error(String message, Throwable error) {
    print("ERROR", message, error);
  }

  public static void debug(String message) {
    if (DEBUG) {
      print("DEBUG", message, null);
    }
  }

  /**
   * Logs an internal error the first time its cause (where, exception type and throwing frame) is
   * seen; later occurrences are only counted. Returns true when this call printed.
   */
  public static boolean errorOnce(String where, Throwable error) {
    return errorOnce(where, error, "the request continues as the policy's onAgentError says");
  }

  /** {@link #errorOnce(String, Throwable)} for an error whose consequence is not onAgentError's. */
  public static boolean errorOnce(String where, Throwable error, String consequence) {
    String key = causeKey(where, error);
    AtomicLong count = CAUSES.get(key);
    if (count == null) {
      if (CAUSES.size() >= MAX_DISTINCT_CAUSES) {
        SUPPRESSED.incrementAndGet();
        return false;
      }
      count = CAUSES.putIfAbsent(key, new AtomicLong(1));
      if (count == null) {
        print("ERROR", "internal error in " + where + " (logged once per cause; " + consequence + ")", error);
        return true;
      }
    }
    count.incrementAndGet();
    return false;
  }

  /** How many times a cause logged by {@link #errorOnce} has occurred (0 if never). */
  public static long occurrences(String where, Throwable error) {
    AtomicLong count = CAUSES.get(causeKey(where, error));
    return count == null ? 0 : count.get();
  }

  static String causeKey(String where, Throwable error) {
    StackTraceElement[] frames = error.getStackTrace();
    String frame = frames.length == 0 ? "?" : frames[0].toString();
    return where + '|' + error.getClass().getName() + '|' + frame;
  }

  private static void print(String level, String message, Throwable error) {
    PrintStream err = System.err;
    StringBuilder line = new StringBuilder(96 + message.length());
    line.append("[bulwark] ").append(Instant.now()).append(' ').append(level).append(' ').append(message);
    if (error != null) {
      line.append(": ").append(error);
    }
    synchronized (err) {
      err.println(line);
      if (error != null && (DEBUG || "ERROR".equals(level))) {
        error.printStackTrace(err);
      }
    }
  }
}
