package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Whether a request input redirected a file operation: it climbs with {@code ..} out of the
 * directory the application put in front of it, or it is itself an absolute path to a file no web
 * request should read ({@code /etc/passwd}, {@code /proc/self/environ}, a key under {@code .ssh}).
 * Paths are compared lexically, as the application wrote them; symbolic links are not followed.
 */
final class FileCheck {

  private static final List<String> SENSITIVE_PREFIXES = List.of("/etc/", "/proc/", "/sys/", "/root/", "/dev/",
      "/boot/", "/var/run/secrets/", "/run/secrets/", "c:/windows/", "c:/users/");
  private static final List<String> SENSITIVE_SEGMENTS = List.of("/.ssh/", "/.aws/", "/.gnupg/", "/.kube/",
      "/.docker/", "/.git/", "/web-inf/", "/meta-inf/", "/.env");

  private FileCheck() {}

  static SinkFinding check(String path, List<RequestInputs.Input> inputs) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    for (RequestInputs.Input input : inputs) {
      String value = input.value;
      int at = path.indexOf(value);
      if (at < 0) {
        continue;
      }
      if (hasDotDot(value)) {
        String base = path.substring(0, lastSeparator(path, at) + 1);
        String resolved = normalize(path);
        String root = normalize(base.isEmpty() ? "." : base);
        if (!within(resolved, root)) {
          return new SinkFinding(Category.PATH_TRAVERSAL, "path.traversal", value, input.location);
        }
      }
      if (at == 0 && isAbsolute(value) && sensitive(normalize(path))) {
        return new SinkFinding(Category.PATH_TRAVERSAL, "path.sensitive-file", value, input.location);
      }
    }
    return null;
  }

  static boolean hasDotDot(String value) {
    int at = value.indexOf("..");
    while (at >= 0) {
      boolean startsSegment = at == 0 || isSeparator(value.charAt(at - 1));
      boolean endsSegment = at + 2 == value.length() || isSeparator(value.charAt(at + 2));
      if (startsSegment && endsSegment) {
        return true;
      }
      at = value.indexOf("..", at + 1);
    }
    return false;
  }

  private static int lastSeparator(String path, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (isSeparator(path.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSeparator(char c) {
    return c == '/' || c == '\\';
  }

  private static boolean isAbsolute(String value) {
    char c = value.charAt(0);
    return isSeparator(c) || (value.length() > 2 && value.charAt(1) == ':' && isSeparator(value.charAt(2)));
  }

  /**
   * The path with {@code .} and {@code ..} segments resolved, {@code /} as the separator, lower
   * case; a relative path keeps the {@code ..} that climb above its start.
   */
  static String normalize(String path) {
    String p = path.replace('\\', '/').toLowerCase(Locale.ROOT);
    boolean absolute = p.startsWith("/");
    String drive = p.length() > 2 && p.charAt(1) == ':' && p.charAt(2) == '/' ? p.substring(0, 2) : null;
    Deque<String> segments = new ArrayDeque<>();
    int climbs = 0;
    for (String segment : (drive == null ? p : p.substring(2)).split("/", 256)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!segments.isEmpty()) {
          segments.removeLast();
        } else if (!absolute && drive == null) {
          climbs++;
        }
      } else {
        segments.addLast(segment);
      }
    }
    StringBuilder out = new StringBuilder(p.length());
    if (drive != null) {
      out.append(drive);
    }
    if (absolute || drive != null) {
      out.append('/');
    }
    for (int i = 0; i < climbs; i++) {
      out.append("../");
    }
    for (String segment : segments) {
      out.append(segment).append('/');
    }
    return out.toString();
  }

  /** Both normalized (ending in '/'): whether {@code path} is {@code root} or below it. */
  private static boolean within(String path, String root) {
    if (root.equals("./") || root.isEmpty() || root.equals("/")) {
      return !path.startsWith("../") || root.equals("/");
    }
    return path.startsWith(root);
  }

  static boolean sensitive(String normalized) {
    for (String prefix : SENSITIVE_PREFIXES) {
      if (normalized.startsWith(prefix)) {
        return true;
      }
    }
    String slashed = normalized.startsWith("/") ? normalized : "/" + normalized;
    for (String segment : SENSITIVE_SEGMENTS) {
      if (slashed.contains(segment)) {
        return true;
      }
    }
    return false;
  }
}
