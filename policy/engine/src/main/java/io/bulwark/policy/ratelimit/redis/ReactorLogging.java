package io.bulwark.policy.ratelimit.redis;

import reactor.util.Logger;
import reactor.util.Loggers;

/** Reactor's loggers (Lettuce's event bus runs on Reactor), sent to {@link LibraryLog}. */
final class ReactorLogging implements Logger {

  private final String name;

  private ReactorLogging(String name) {
    this.name = name;
  }

  /** Before any Reactor class reads its logger (Reactor would pick java.util.logging). */
  static void install() {
    Loggers.useCustomLoggers(ReactorLogging::new);
  }

  @Override public String getName() { return name; }

  @Override public boolean isTraceEnabled() { return false; }
  @Override public void trace(String msg) { }
  @Override public void trace(String format, Object... arguments) { }
  @Override public void trace(String msg, Throwable t) { }

  @Override public boolean isDebugEnabled() { return LibraryLog.DEBUG; }
  @Override public void debug(String msg) { LibraryLog.debug(name, msg, null, null); }
  @Override public void debug(String format, Object... arguments) { LibraryLog.debug(name, format, arguments, null); }
  @Override public void debug(String msg, Throwable t) { LibraryLog.debug(name, msg, null, t); }

  @Override public boolean isInfoEnabled() { return LibraryLog.DEBUG; }
  @Override public void info(String msg) { LibraryLog.debug(name, msg, null, null); }
  @Override public void info(String format, Object... arguments) { LibraryLog.debug(name, format, arguments, null); }
  @Override public void info(String msg, Throwable t) { LibraryLog.debug(name, msg, null, t); }

  @Override public boolean isWarnEnabled() { return true; }
  @Override public void warn(String msg) { LibraryLog.warn(name, msg, null, null); }
  @Override public void warn(String format, Object... arguments) {
    LibraryLog.warn(name, format, arguments, LibraryLog.trailingError(arguments));
  }
  @Override public void warn(String msg, Throwable t) { LibraryLog.warn(name, msg, null, t); }

  @Override public boolean isErrorEnabled() { return true; }
  @Override public void error(String msg) { LibraryLog.warn(name, msg, null, null); }
  @Override public void error(String format, Object... arguments) {
    LibraryLog.warn(name, format, arguments, LibraryLog.trailingError(arguments));
  }
  @Override public void error(String msg, Throwable t) { LibraryLog.warn(name, msg, null, t); }
}
