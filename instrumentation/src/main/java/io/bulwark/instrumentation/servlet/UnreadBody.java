package io.bulwark.instrumentation.servlet;

import java.io.InputStream;

/**
 * Reads and discards what is left of a blocked request's body, at most {@link #MAX_BYTES}, once the
 * answer is written. A container that finds request content unread when the call ends closes the
 * connection (Jetty, Undertow), and closing a socket with unread bytes in it makes TCP send a
 * reset, which can reach the client before it has read the answer: it then sees "connection
 * reset" instead of the 413 or 403. Tomcat swallows up to 2 MB itself ({@code maxSwallowSize});
 * this does the same on every server. Beyond the bound the container closes the connection, as it
 * would have.
 */
final class UnreadBody {

  /** As Tomcat's default maxSwallowSize: the most a blocked client makes the server read. */
  static final int MAX_BYTES = 2 * 1024 * 1024;

  private UnreadBody() {}

  static void discard(ServletApi.Request api, Object request) {
    if (api == null || api.inputStream == null) {
      return;
    }
    try {
      InputStream in = (InputStream) api.inputStream.invokeExact(request);
      byte[] buffer = new byte[8192];
      long left = MAX_BYTES;
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= n;
      }
    } catch (Throwable t) {
      // the stream is not to be had (a container filter took the reader) or the client went away:
      // nothing more to do, the container closes the connection as it would have
    }
  }
}
