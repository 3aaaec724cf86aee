package io.bulwark.policy.ratelimit.redis;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/** Netty's (and Lettuce's, which logs through Netty) loggers, sent to {@link LibraryLog}. */
final class NettyLogging extends InternalLoggerFactory {

  private NettyLogging() {}

  /** Before any Netty or Lettuce class reads its logger. */
  static void install() {
    InternalLoggerFactory.setDefaultFactory(new NettyLogging());
  }

  @Override
  protected InternalLogger newInstance(String name) {
    return new Logger(name);
  }

  private static final class Logger extends AbstractInternalLogger {
    private static final long serialVersionUID = 1L;

    Logger(String name) {
      super(name);
    }

    private void debug(String format, Object[] args, Throwable error) {
      LibraryLog.debug(name(), format, args, error);
    }

    private void warning(String format, Object[] args, Throwable error) {
      LibraryLog.warn(name(), format, args, error);
    }

    @Override public boolean isTraceEnabled() { return false; }
    @Override public void trace(String msg) { }
    @Override public void trace(String format, Object arg) { }
    @Override public void trace(String format, Object argA, Object argB) { }
    @Override public void trace(String format, Object... arguments) { }
    @Override public void trace(String msg, Throwable t) { }

    @Override public boolean isDebugEnabled() { return LibraryLog.DEBUG; }
    @Override public void debug(String msg) { debug(msg, null, null); }
    @Override public void debug(String format, Object arg) { debug(format, new Object[] {arg}, null); }
    @Override public void debug(String format, Object argA, Object argB) {
      debug(format, new Object[] {argA, argB}, null);
    }
    @Override public void debug(String format, Object... arguments) { debug(format, arguments, null); }
    @Override public void debug(String msg, Throwable t) { debug(msg, null, t); }

    // Lettuce's INFO lines (reconnecting, ...) describe an outage Bulwark audits itself.
    @Override public boolean isInfoEnabled() { return LibraryLog.DEBUG; }
    @Override public void info(String msg) { debug(msg, null, null); }
    @Override public void info(String format, Object arg) { debug(format, new Object[] {arg}, null); }
    @Override public void info(String format, Object argA, Object argB) {
      debug(format, new Object[] {argA, argB}, null);
    }
    @Override public void info(String format, Object... arguments) { debug(format, arguments, null); }
    @Override public void info(String msg, Throwable t) { debug(msg, null, t); }

    @Override public boolean isWarnEnabled() { return true; }
    @Override public void warn(String msg) { warning(msg, null, null); }
    @Override public void warn(String format, Object arg) {
      warning(format, new Object[] {arg}, LibraryLog.trailingError(new Object[] {arg}));
    }
    @Override public void warn(String format, Object argA, Object argB) {
      warning(format, new Object[] {argA, argB}, LibraryLog.trailingError(new Object[] {argA, argB}));
    }
    @Override public void warn(String format, Object... arguments) {
      warning(format, arguments, LibraryLog.trailingError(arguments));
    }
    @Override public void warn(String msg, Throwable t) { warning(msg, null, t); }

    @Override public boolean isErrorEnabled() { return true; }
    @Override public void error(String msg) { warning(msg, null, null); }
    @Override public void error(String format, Object arg) {
      warning(format, new Object[] {arg}, LibraryLog.trailingError(new Object[] {arg}));
    }
    @Override public void error(String format, Object argA, Object argB) {
      warning(format, new Object[] {argA, argB}, LibraryLog.trailingError(new Object[] {argA, argB}));
    }
    @Override public void error(String format, Object... arguments) {
      warning(format, arguments, LibraryLog.trailingError(arguments));
    }
    @Override public void error(String msg, Throwable t) { warning(msg, null, t); }
  }
}
