package io.bulwark.policy.path;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares Bulwark's canonical path with the path the container itself routes on (its decoded
 * context path + servlet path + path info). When they differ, the container read the raw path in a
 * way Bulwark did not (another URI charset, an unusual connector setting, a framework rewrite), so
 * no rule can be trusted to apply: the request is refused.
 */
public final class ContainerPathCheck {

  private ContainerPathCheck() {}

  /**
   * Whether the container's path names the same segments as {@code canonical}. A {@code null} or
   * empty container path (no such view) agrees; so does a raw path no container can read two ways.
   */
  public static boolean agrees(String rawPath, CanonicalPath canonical, String containerPath) {
    if (containerPath == null || containerPath.isEmpty() || canonical.isPlain()) {
      return true;
    }
    List<String> theirs = segments(containerPath);
    int ours = canonical.segmentCount();
    boolean directory = rawPath.endsWith("/");
    // A request for a directory may be mapped to its welcome file (Tomcat maps '/docs/' to
    // '/docs/index.jsp' before the servlet runs): one more segment is the container's choice.
    if (theirs.size() != ours && !(directory && theirs.size() == ours + 1)) {
      return false;
    }
    for (int i = 0; i < ours; i++) {
      if (!canonical.segment(i).equals(theirs.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The container path's segments. It is decoded already, except that some containers return the
   * context path as received (Tomcat): so parameters are cut, leftover escapes decoded, dot
   * segments resolved. A decoded servlet path holds no '%' or ';' here: raw paths that would decode
   * to them ('%25', '%3B') were refused before this check.
   */
  static List<String> segments(String containerPath) {
    List<String> segments = new ArrayList<>();
    for (String segment : containerPath.split("/", -1)) {
      int params = segment.indexOf(';');
      if (params >= 0) {
        segment = segment.substring(0, params);
      }
      if (segment.indexOf('%') >= 0) {
        segment = decodeLeniently(segment);
      }
      if ("..".equals(segment)) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
      } else if (!segment.isEmpty() && !".".equals(segment)) {
        segments.add(segment);
      }
    }
    return segments;
  }

  private static String decodeLeniently(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length() && PathCanonicalizer.hexValue(segment.charAt(i + 1)) >= 0
          && PathCanonicalizer.hexValue(segment.charAt(i + 2)) >= 0) {
        bytes.write(PathCanonicalizer.hexValue(segment.charAt(i + 1)) << 4
            | PathCanonicalizer.hexValue(segment.charAt(i + 2)));
        i += 2;
      } else {
        int codePoint = segment.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(codePoint) - 1;
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }
}
