package io.bulwark.instrumentation.servlet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * A request body Bulwark read before the application: the bytes read, and, when reading stopped
 * short of the end (a body over the limit that monitor mode lets through, or a read that failed), the
 * container's stream for the rest. The application's stream is the one and then the other, so it
 * reads exactly the body the client sent. JDK types only.
 */
final class BodyReplay {

  final byte[] bytes;
  /** The container's stream where {@link #bytes} end, or {@code null} when they are the whole body. */
  private final InputStream rest;

  private BodyReplay(byte[] bytes, InputStream rest) {
    this.bytes = bytes;
    this.rest = rest;
  }

  /** Reads at most {@code max + 1} bytes of {@code body}; the rest, if any, is left to the application. */
  static BodyReplay read(InputStream body, int max) {
    byte[] buffer = new byte[Math.min(max + 1, 8192)];
    int length = 0;
    try {
      while (length <= max) {
        if (length == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, (int) Math.min((long) max + 1, buffer.length * 2L));
        }
        int n = body.read(buffer, length, buffer.length - length);
        if (n < 0) {
          return new BodyReplay(java.util.Arrays.copyOf(buffer, length), null);
        }
        length += n;
      }
      return new BodyReplay(java.util.Arrays.copyOf(buffer, length), body);
    } catch (IOException | RuntimeException e) {
      // The client went away (or the container failed): the application gets what came, then the same failure.
      return new BodyReplay(java.util.Arrays.copyOf(buffer, length), body);
    }
  }

  /** Whether {@link #bytes} are the whole body. */
  boolean complete() {
    return rest == null;
  }

  /** A fresh stream of the whole body as sent. */
  InputStream stream() {
    InputStream read = new ByteArrayInputStream(bytes);
    return rest == null ? read : new SequenceInputStream(read, rest);
  }
}
