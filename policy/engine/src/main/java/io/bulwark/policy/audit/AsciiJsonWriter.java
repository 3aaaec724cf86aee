package io.bulwark.policy.audit;

import java.util.Arrays;

/**
 * A minimal JSON writer for audit lines, into a reusable byte buffer: plain ASCII only, every
 * control character, DEL and non-ASCII character {@code \\u}-escaped (as {@link AsciiJson} does for
 * Jackson), so a line is always one line a terminal cannot be tricked by.
 *
 * <p>Why not Jackson's generator: with custom escapes it leaves its fast path, and a generator per
 * line was most of the writer thread's time under load. Not thread-safe; {@link #reset} between lines.
 */
final class AsciiJsonWriter {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] buf = new byte[1024];
  private int size;
  /** Per open object or array: whether it has a member yet (a comma goes before the next). */
  private boolean[] hasMember = new boolean[8];
  private int depth = -1;
  private boolean afterName;

  void reset() {
    size = 0;
    depth = -1;
    afterName = false;
  }

  byte[] bytes() {
    return buf;
  }

  int size() {
    return size;
  }

  void startObject() {
    open('{');
  }

  void endObject() {
    close('}');
  }

  void startArray() {
    open('[');
  }

  void endArray() {
    close(']');
  }

  void name(String name) {
    if (hasMember[depth]) {
      put((byte) ',');
    }
    hasMember[depth] = true;
    quoted(name);
    put((byte) ':');
    afterName = true;
  }

  /** A member name encoded by {@link #encodedName}: the names of the audit fields, written on every line. */
  void name(byte[] encodedName) {
    if (hasMember[depth]) {
      put((byte) ',');
    }
    hasMember[depth] = true;
    int n = encodedName.length;
    ensure(n);
    System.arraycopy(encodedName, 0, buf, size, n);
    size += n;
    afterName = true;
  }

  /** {@code "name":} as {@link #name(String)} writes it, once, for {@link #name(byte[])}. */
  static byte[] encodedName(String name) {
    AsciiJsonWriter writer = new AsciiJsonWriter();
    writer.quoted(name);
    writer.put((byte) ':');
    return Arrays.copyOf(writer.buf, writer.size);
  }

  /**
   * A timestamp string: {@code prefix} (plain ASCII, e.g. {@code 2026-12-02T07:19:09.}), six digits
   * of microseconds, {@code Z}; without the intermediate String a formatter would make.
   */
  void timestamp(byte[] prefix, int micros) {
    beforeValue();
    ensure(prefix.length + 9);
    byte[] b = buf;
    int at = size;
    b[at++] = '"';
    System.arraycopy(prefix, 0, b, at, prefix.length);
    at += prefix.length;
    for (int i = at + 5; i >= at; i--) {
      b[i] = (byte) ('0' + micros % 10);
      micros /= 10;
    }
    at += 6;
    b[at++] = 'Z';
    b[at++] = '"';
    size = at;
  }

  void string(String value) {
    beforeValue();
    quoted(value);
  }

  void number(long value) {
    beforeValue();
    if (value == Long.MIN_VALUE) {
      ascii(Long.toString(value)); // the one value without a positive counterpart
      return;
    }
    ensure(20);
    byte[] b = buf;
    if (value < 0) {
      b[size++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    for (int i = size + digits - 1; i >= size; i--) {
      b[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += digits;
  }

  void bool(boolean value) {
    beforeValue();
    ascii(value ? "true" : "false");
  }

  private void open(char bracket) {
    beforeValue();
    put((byte) bracket);
    depth++;
    if (depth == hasMember.length) {
      hasMember = Arrays.copyOf(hasMember, depth * 2);
    }
    hasMember[depth] = false;
  }

  private void close(char bracket) {
    put((byte) bracket);
    depth--;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
    } else if (depth >= 0) {
      if (hasMember[depth]) {
        put((byte) ',');
      }
      hasMember[depth] = true;
    }
  }

  private void quoted(String s) {
    int n = s.length();
    ensure(n * 6 + 2);
    byte[] b = buf;
    int at = size;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        b[at++] = (byte) c;
        continue;
      }
      b[at++] = '\\';
      switch (c) {
        case '"': b[at++] = '"'; break;
        case '\\': b[at++] = '\\'; break;
        case '\n': b[at++] = 'n'; break;
        case '\r': b[at++] = 'r'; break;
        case '\t': b[at++] = 't'; break;
        case '\b': b[at++] = 'b'; break;
        case '\f': b[at++] = 'f'; break;
        default:
          b[at++] = 'u';
          b[at++] = HEX[(c >> 12) & 0xf];
          b[at++] = HEX[(c >> 8) & 0xf];
          b[at++] = HEX[(c >> 4) & 0xf];
          b[at++] = HEX[c & 0xf];
      }
    }
    b[at++] = '"';
    size = at;
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[size++] = b;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
