package io.bulwark.policy.detect.path;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.Evidence;

/**
 * Path traversal and local file inclusion in parameters, path segments, cookies and JSON or XML
 * values: {@code ..} segments that climb (in every encoding {@link PathTraversal} undoes), names of
 * files no application serves ({@code /etc/passwd}, {@code /proc/self/environ},
 * {@code C:\windows\win.ini}, {@code WEB-INF/web.xml}, {@code .git/}, {@code .env}), and NUL
 * bytes in a file-like value. A single {@code ../} inside prose or a markdown link is not enough;
 * at the start of a value, after {@code =}, or repeated it is. Headers are left alone (a Referer
 * URL is a path too).
 */
public final class PathTraversalDetector implements Detector {

  @Override
  public Category category() {
    return Category.PATH_TRAVERSAL;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    if (value == null || value.length() < 2 || source == Source.XML_DOCUMENT) {
      return null;
    }
    if (source == Source.HEADER) {
      return header(value);
    }
    if (!mayBePath(value)) {
      return null;
    }
    String p = PathTraversal.normalize(value);
    int at = PathTraversal.traversal(p);
    if (at >= 0) {
      boolean leading = at == 0 || at <= 3 && p.substring(0, at).chars().allMatch(c -> c == '/' || c == '.' || c == ' ' || c == '"' || c == '\'');
      boolean afterAssign = at > 0 && (p.charAt(at - 1) == '/' && at > 1 && (p.charAt(at - 2) == '=' || p.charAt(at - 2) == ':') || p.charAt(at - 1) == '=');
      if (leading || afterAssign || PathTraversal.climbs(p) >= 2 || source == Source.PATH || PathTraversal.sensitiveFile(p) != null) {
        return new Finding(Category.PATH_TRAVERSAL, "path-traversal.dot-dot", Evidence.of(value, p, at, p.length()));
      }
    }
    String file = PathTraversal.sensitiveFile(p);
    if (file != null && looksLikeFileReference(p, file)) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.sensitive-file", Evidence.of(value, p, Math.max(0, p.indexOf(file)), p.length()));
    }
    int nul = p.indexOf('\0');
    if (nul >= 0 && (p.indexOf('.') >= 0 || p.indexOf('/') >= 0)) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.null-byte", Evidence.of(value, p, Math.max(0, nul - 20), Math.min(p.length(), nul + 4)));
    }
    if (source == Source.PATH && isHiddenSegment(p)) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.hidden-file", value);
    }
    return null;
  }

  /**
   * Headers carry URLs (Referer, Origin) and free text (User-Agent): only a climbing path that is not
   * part of a URL counts, as in a custom header a proxy or the application reads a file name from.
   */
  private static Finding header(String value) {
    if (!mayBePath(value) || value.indexOf("://") >= 0) {
      return null;
    }
    String p = PathTraversal.normalize(value);
    int at = PathTraversal.traversal(p);
    if (at >= 0) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.dot-dot", Evidence.of(value, p, at, p.length()));
    }
    return null;
  }

  /** Names of sensitive files that need no separator to be recognised. */
  private static final String[] BARE_SENSITIVE = {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".htaccess", ".htpasswd", "authorized_keys", "known_hosts", "global.asa", "httpd.conf", "php.ini", "web.xml", "win.ini", "boot.ini"};

  private static boolean mayBePath(String value) {
    // no separator, no "..", no escape: only a bare sensitive file name (or a dot-file segment) is left
    boolean plain = value.indexOf('/') < 0 && value.indexOf('\\') < 0 && value.indexOf("..") < 0 && value.indexOf('%') < 0 && value.indexOf('&') < 0 && value.indexOf('\0') < 0;
    if (plain) {
      if (value.charAt(0) == '.') {
        return true;
      }
      for (int i = 0, n = value.length(); i < n; i++) {
        char c = value.charAt(i);
        if (c >= '\uff00' || c == '0' && i + 1 < n && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X') || c == '\\' && i + 1 < n && (value.charAt(i + 1) == 'u' || value.charAt(i + 1) == 'x')) {
          return true;
        }
      }
      if (value.indexOf('.') < 0 && value.indexOf('_') < 0) {
        return false;
      }
      for (String name : BARE_SENSITIVE) {
        if (Ascii.contains(value, name)) {
          return true;
        }
      }
      return false;
    }
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c == '.' || c == '/' || c == '\\' || c == '%' || c == '\0' || c == '&' || c >= '\uff00' || c == '0' && i + 1 < n && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X')) {
        return true;
      }
    }
    return false;
  }

  /** A sensitive name counts when the value is a path to it, not prose that mentions it in a sentence. */
  private static boolean looksLikeFileReference(String p, String file) {
    int at = p.indexOf(file);
    if (at < 0) {
      return true; // matched at the start without a leading separator
    }
    // text before the name: nothing, a drive, dots and separators, a scheme, or a path
    for (int k = 0; k < at; k++) {
      char c = p.charAt(k);
      if (c == ' ') {
        // "the file /etc/passwd holds users": prose around it; still a path when it is the last word
        return p.indexOf(' ', at) < 0 && at > 0 && p.charAt(at - 1) == ' ' && file.startsWith("/etc/");
      }
    }
    return true;
  }

  /** A path segment naming a dot-file or dot-directory ({@code .env}, {@code .git}, {@code .aws}), not {@code .well-known}. */
  private static boolean isHiddenSegment(String segment) {
    if (segment.length() < 2 || segment.charAt(0) != '.' || segment.indexOf('/') >= 0) {
      return false;
    }
    char c = segment.charAt(1);
    return (c >= 'a' && c <= 'z' || c == '_') && !segment.startsWith(".well-known");
  }
}
