package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.BlockingException;
import io.bulwark.bridge.Decision;

/** Finds a sink's block in what a request threw: frameworks wrap it (ServletException, ...). */
final class Blocks {

  private static final int MAX_CAUSES = 16;

  private Blocks() {}

  static Decision decision(Throwable thrown) {
    Throwable t = thrown;
    for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
      if (t instanceof BlockingException) {
        return ((BlockingException) t).decision();
      }
    }
    return null;
  }
}
