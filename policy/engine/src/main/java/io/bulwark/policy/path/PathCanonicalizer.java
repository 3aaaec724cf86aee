package io.bulwark.policy.path;

import io.bulwark.bridge.AgentLog;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.function.Function;

/**
 * Turns the raw request path into the spelling rules are matched on, refusing the spellings on
 * which servers disagree.
 *
 * <p>The order follows what servlet containers do (Tomcat's CoyoteAdapter): path parameters are cut
 * from each raw segment first, then the segment is percent-decoded, then dot segments are resolved.
 * Anything whose meaning depends on a container's settings is refused instead of guessed, in the
 * spirit of Spring Security's StrictHttpFirewall: encoded '/', '\' and ';', encoded '%', '.' or
 * '..' with parameters, backslashes, control and line-separator characters, invalid or overlong
 * UTF-8, and '..' above the root.
 */
public final class PathCanonicalizer {

  static final int MAX_LENGTH = 8192;

  private PathCanonicalizer() {}

  /**
   * The canonical path, or the rejection that refuses it. An exception while reading the path
   * rejects it ({@link Rejection#UNREADABLE}) instead of reaching the engine's fail-open: which
   * rules apply depends on this reading, so a path that breaks it must never skip them all (no
   * such input is known; the fuzzers look for one). Logged once per cause, without the path.
   */
  public static CanonicalPath canonicalize(String rawPath) {
    return canonicalize(rawPath, PathCanonicalizer::read);
  }

  /** {@link #canonicalize(String)} with the reading given, so tests can make it fail. */
  static CanonicalPath canonicalize(String rawPath, Function<String, CanonicalPath> reading) {
    try {
      return reading.apply(rawPath);
    } catch (RuntimeException | StackOverflowError e) {
      AgentLog.errorOnce("reading a request path", e, "the request is refused as unreadable");
      return CanonicalPath.rejected(Rejection.UNREADABLE);
    }
  }

  private static CanonicalPath read(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || "/".equals(rawPath)) {
      return CanonicalPath.ROOT;
    }
    if (rawPath.length() > MAX_LENGTH) {
      return CanonicalPath.rejected(Rejection.TOO_LONG);
    }
    if (rawPath.charAt(0) != '/') {
      return CanonicalPath.rejected(Rejection.NOT_ABSOLUTE);
    }
    ArrayList<String> segments = new ArrayList<>(8);
    // Plain: nothing to decode, cut or resolve, so every reader of the raw path sees these segments.
    boolean plain = rawPath.indexOf('%') < 0 && rawPath.indexOf(';') < 0;
    int length = rawPath.length();
    int start = 1;
    while (start <= length) {
      int end = rawPath.indexOf('/', start);
      if (end < 0) {
        end = length;
      }
      int params = indexOf(rawPath, ';', start, end);
      int nameEnd = params < 0 ? end : params;
      Object decoded = decodeSegment(rawPath, start, nameEnd);
      if (decoded instanceof Rejection) {
        return CanonicalPath.rejected((Rejection) decoded);
      }
      if (params >= 0) {
        Rejection inParams = checkRawCharacters(rawPath, params, end);
        if (inParams != null) {
          return CanonicalPath.rejected(inParams);
        }
      }
      String segment = (String) decoded;
      boolean dot = ".".equals(segment);
      boolean dotDot = "..".equals(segment);
      if ((dot || dotDot) && params >= 0) {
        return CanonicalPath.rejected(Rejection.AMBIGUOUS_DOT_SEGMENT);
      }
      if (dot || dotDot || segment.isEmpty() && end < length) {
        plain = false;
      }
      if (dotDot) {
        if (segments.isEmpty()) {
          return CanonicalPath.rejected(Rejection.ESCAPES_ROOT);
        }
        segments.remove(segments.size() - 1);
      } else if (!dot && !segment.isEmpty()) {
        segments.add(segment);
      }
      start = end + 1;
    }
    return CanonicalPath.of(segments.toArray(new String[0]), plain);
  }

  /** Returns the decoded segment, or the {@link Rejection} that forbids it. */
  private static Object decodeSegment(String raw, int start, int end) {
    Rejection invalid = checkRawCharacters(raw, start, end);
    if (invalid != null) {
      return invalid;
    }
    int percent = indexOf(raw, '%', start, end);
    if (percent < 0) {
      return raw.substring(start, end);
    }
    // Each char yields at most three UTF-8 bytes (a surrogate pair, two chars, yields four).
    byte[] bytes = new byte[(end - start) * 3];
    int count = 0;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= end) {
          return Rejection.BAD_PERCENT_ENCODING;
        }
        int hi = hexValue(raw.charAt(i + 1));
        int lo = hexValue(raw.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          return Rejection.BAD_PERCENT_ENCODING;
        }
        int b = (hi << 4) | lo;
        switch (b) {
          case '/': case '\\': case ';':
            return Rejection.ENCODED_SEPARATOR;
          case '%':
            return Rejection.DOUBLE_ENCODING;
          default:
            if (b < 0x20 || b == 0x7f) {
              return Rejection.CONTROL_CHARACTER;
            }
        }
        bytes[count++] = (byte) b;
        i += 2;
      } else if (c < 0x80) {
        bytes[count++] = (byte) c;
      } else {
        // A raw non-ASCII character (the container already decoded the bytes): re-encode it so the
        // whole segment goes through one strict UTF-8 decoder.
        int charCount = Character.isHighSurrogate(c) && i + 1 < end ? 2 : 1;
        byte[] utf8 = raw.substring(i, i + charCount).getBytes(StandardCharsets.UTF_8);
        i += charCount - 1;
        System.arraycopy(utf8, 0, bytes, count, utf8.length);
        count += utf8.length;
      }
    }
    String decoded;
    try {
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, count));
      decoded = chars.toString();
    } catch (CharacterCodingException e) {
      return Rejection.INVALID_UTF8;
    }
    for (int i = 0; i < decoded.length(); i++) {
      if (isControl(decoded.charAt(i))) {
        return Rejection.CONTROL_CHARACTER;
      }
    }
    return decoded;
  }

  private static Rejection checkRawCharacters(String raw, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        return Rejection.BACKSLASH;
      }
      if (c == ' ' || isControl(c)) {
        return Rejection.CONTROL_CHARACTER;
      }
      if (Character.isSurrogate(c)) {
        // A lone surrogate is not a character; decodeSegment relies on pairs being complete.
        if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(raw.charAt(i + 1))) {
          return Rejection.INVALID_UTF8;
        }
        i++;
      }
    }
    return null;
  }

  /** Controls (C0, DEL, C1) and the Unicode line and paragraph separators. */
  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }

  /** ASCII hex digits only: Character.digit would also accept full-width and other Unicode digits. */
  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static int indexOf(String s, char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i >= 0 && i < to ? i : -1;
  }
}
