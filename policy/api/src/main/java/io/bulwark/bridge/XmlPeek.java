package io.bulwark.bridge;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;

/**
 * Reads the head of an XML source without consuming it: a stream that supports mark/reset is
 * marked and reset, any other is wrapped in a buffered one that replays what was read.
 */
final class XmlPeek {

  static final int HEAD = 8192;

  private XmlPeek() {}

  /** Puts the head ({@code byte[]} or {@code String}) into {@code head[0]}; returns the source to parse. */
  static Object peek(Object source, Object[] head) {
    try {
      if (source instanceof InputStream) {
        return peekStream((InputStream) source, head);
      }
      if (source instanceof Reader) {
        return peekReader((Reader) source, head);
      }
      if (source instanceof org.xml.sax.InputSource) {
        org.xml.sax.InputSource input = (org.xml.sax.InputSource) source;
        if (input.getCharacterStream() != null) {
          input.setCharacterStream((Reader) peekReader(input.getCharacterStream(), head));
        } else if (input.getByteStream() != null) {
          input.setByteStream((InputStream) peekStream(input.getByteStream(), head));
        }
        return source;
      }
      if (source instanceof javax.xml.transform.stream.StreamSource) {
        javax.xml.transform.stream.StreamSource stream = (javax.xml.transform.stream.StreamSource) source;
        if (stream.getReader() != null) {
          stream.setReader((Reader) peekReader(stream.getReader(), head));
        } else if (stream.getInputStream() != null) {
          stream.setInputStream((InputStream) peekStream(stream.getInputStream(), head));
        }
        return source;
      }
    } catch (IOException | RuntimeException e) {
      AgentLog.errorOnce("xml-peek", e); // the parser reports the stream's failure itself
    }
    return source;
  }

  private static Object peekStream(InputStream in, Object[] head) throws IOException {
    InputStream stream = in.markSupported() ? in : new BufferedInputStream(in, HEAD + 1);
    stream.mark(HEAD + 1);
    byte[] bytes = new byte[HEAD];
    int n = 0;
    try {
      while (n < HEAD) {
        int read = stream.read(bytes, n, HEAD - n);
        if (read < 0) {
          break;
        }
        n += read;
      }
    } finally {
      stream.reset();
    }
    head[0] = Arrays.copyOf(bytes, n);
    return stream;
  }

  private static Object peekReader(Reader in, Object[] head) throws IOException {
    Reader reader = in.markSupported() ? in : new BufferedReader(in, HEAD + 1);
    reader.mark(HEAD + 1);
    char[] chars = new char[HEAD];
    int n = 0;
    try {
      while (n < HEAD) {
        int read = reader.read(chars, n, HEAD - n);
        if (read < 0) {
          break;
        }
        n += read;
      }
    } finally {
      reader.reset();
    }
    head[0] = new String(chars, 0, n);
    return reader;
  }
}
