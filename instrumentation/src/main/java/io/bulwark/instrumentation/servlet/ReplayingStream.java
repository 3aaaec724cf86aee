package io.bulwark.instrumentation.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The application's {@code ServletInputStream} over a replayed body. The bytes are in memory, so
 * the stream is always ready; a {@code ReadListener} is called back at once (data available, then
 * all data read), as a container would call it for a body that has fully arrived.
 */
final class ReplayingStream implements InvocationHandler {

  private final InputStream in;
  private final boolean inMemory;
  private final Method[] readListener;
  private boolean finished;

  ReplayingStream(InputStream in, boolean inMemory, Method[] readListener) {
    this.in = in;
    this.inMemory = inMemory;
    this.readListener = readListener;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "read":
        return read(args);
      case "available":
        return in.available();
      case "skip":
        return in.skip((Long) args[0]);
      case "close":
        in.close();
        return null;
      case "isFinished":
        return isFinished();
      case "isReady":
        return true;
      case "setReadListener":
        listen(args[0]);
        return null;
      default:
        throw new UnsupportedOperationException(method.toString());
    }
  }

  private Object read(Object[] args) throws IOException {
    int n;
    if (args == null || args.length == 0) {
      n = in.read();
    } else if (args.length == 1) {
      byte[] buffer = (byte[]) args[0];
      n = in.read(buffer, 0, buffer.length);
    } else {
      n = in.read((byte[]) args[0], (Integer) args[1], (Integer) args[2]);
    }
    if (n < 0) {
      finished = true;
    }
    return n;
  }

  private void listen(Object listener) throws Throwable {
    if (listener == null) {
      throw new NullPointerException("ReadListener");
    }
    if (readListener == null) {
      throw new IllegalStateException("non-blocking reads need Servlet 3.1");
    }
    try {
      readListener[0].invoke(listener);
      if (isFinished()) {
        readListener[1].invoke(listener);
      }
    } catch (InvocationTargetException e) {
      readListener[2].invoke(listener, e.getCause());
    }
  }

  private boolean isFinished() throws IOException {
    return finished || inMemory && in.available() == 0;
  }
}
