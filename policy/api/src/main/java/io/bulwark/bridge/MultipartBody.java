package io.bulwark.bridge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a buffered {@code multipart/form-data} body (RFC 7578), found by offsets into the
 * body's bytes: what the engine inspects (field values, file names) and what the replaying request
 * hands the application as {@code Part}s. Shared by both sides, so they read one body the same way.
 * A body that is not well-formed yields the parts found before the fault.
 */
public final class MultipartBody {

  /** One part: its headers (lower-case names), its name, file name and where its content lies. */
  public static final class Part {
    public final Map<String, List<String>> headers;
    public final String name;
    /** The {@code filename} parameter, or {@code null} for a form field. */
    public final String filename;
    public final int start;
    public final int end;

    Part(Map<String, List<String>> headers, String name, String filename, int start, int end) {
      this.headers = headers;
      this.name = name;
      this.filename = filename;
      this.start = start;
      this.end = end;
    }

    public String header(String lowerCaseName) {
      List<String> values = headers.get(lowerCaseName);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private MultipartBody() {}

  /** The {@code boundary} parameter of a multipart Content-Type, or {@code null}. */
  public static String boundary(String contentType) {
    if (contentType == null) {
      return null;
    }
    String lower = contentType.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("boundary=");
    if (at < 0) {
      return null;
    }
    int end = contentType.indexOf(';', at);
    String value = contentType.substring(at + 9, end < 0 ? contentType.length() : end).trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return value.isEmpty() || value.length() > 70 ? null : value;
  }

  /** At most {@code maxParts} parts of {@code body[0, length)}. */
  public static List<Part> parse(byte[] body, int length, String boundary, int maxParts) {
    List<Part> parts = new ArrayList<>();
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, length, delimiter, 0);
    while (at >= 0 && parts.size() < maxParts) {
      int afterDelimiter = at + delimiter.length;
      if (afterDelimiter + 1 < length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
        break; // the close delimiter
      }
      int headersStart = skipLine(body, length, afterDelimiter);
      if (headersStart < 0) {
        break;
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      int line = headersStart;
      int contentStart = -1;
      while (line < length) {
        int lineEnd = lineEnd(body, length, line);
        if (lineEnd < 0) {
          break;
        }
        if (lineEnd == line) {
          contentStart = skipLine(body, length, line);
          break;
        }
        String header = new String(body, line, lineEnd - line, StandardCharsets.UTF_8);
        int colon = header.indexOf(':');
        if (colon > 0 && headers.size() < 32) {
          headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
              .add(header.substring(colon + 1).trim());
        }
        line = skipLine(body, length, line);
      }
      if (contentStart < 0) {
        break;
      }
      byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int contentEnd = indexOf(body, length, next, contentStart);
      if (contentEnd < 0) {
        break;
      }
      List<String> disposition = headers.getOrDefault("content-disposition", Collections.emptyList());
      String value = disposition.isEmpty() ? "" : disposition.get(0);
      parts.add(new Part(headers, parameter(value, "name"), parameter(value, "filename"), contentStart, contentEnd));
      at = contentEnd + 2;
    }
    return parts;
  }

  /** A parameter of a Content-Disposition value ({@code name="x"}), or {@code null}. */
  static String parameter(String disposition, String name) {
    int from = 0;
    while (true) {
      int at = disposition.indexOf(name + "=", from);
      if (at < 0) {
        return null;
      }
      char before = at == 0 ? ';' : disposition.charAt(at - 1);
      if (before == ';' || before == ' ' || before == '\t') {
        int start = at + name.length() + 1;
        if (start < disposition.length() && disposition.charAt(start) == '"') {
          int end = disposition.indexOf('"', start + 1);
          return end < 0 ? disposition.substring(start + 1) : disposition.substring(start + 1, end);
        }
        int end = disposition.indexOf(';', start);
        return disposition.substring(start, end < 0 ? disposition.length() : end).trim();
      }
      from = at + 1;
    }
  }

  private static int lineEnd(byte[] body, int length, int from) {
    for (int i = from; i < length; i++) {
      if (body[i] == '\r' || body[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Where the line after the one at {@code from} starts, or -1. */
  private static int skipLine(byte[] body, int length, int from) {
    int end = lineEnd(body, length, from);
    if (end < 0) {
      return -1;
    }
    return end + 1 < length && body[end] == '\r' && body[end + 1] == '\n' ? end + 2 : end + 1;
  }

  private static int indexOf(byte[] body, int length, byte[] needle, int from) {
    outer:
    for (int i = from; i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
