package io.bulwark.policy.detect.path;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.CharClasses;
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
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (value == null || value.length() < 2 || source == Source.XML_DOCUMENT) {
      return null;
    }
    if (source == Source.HEADER) {
      return header(value, scan);
    }
    if (source == Source.PATH) {
      Finding probe = pathProbe(value);
      if (probe != null) {
        return probe;
      }
    }
    if (!mayBePath(value)) {
      return null;
    }
    String p = PathTraversal.normalizeDecoded(scan.decoded());
    int at = PathTraversal.traversal(p);
    if (at >= 0) {
      boolean leading = at == 0 || at <= 3
          && p.substring(0, at).chars().allMatch(c -> c == '/' || c == '.' || c == ' ' || c == '"' || c == '\'');
      boolean afterAssign = at > 0
          && (p.charAt(at - 1) == '/' && at > 1 && (p.charAt(at - 2) == '=' || p.charAt(at - 2) == ':')
              || p.charAt(at - 1) == '=');
      if (leading || afterAssign || PathTraversal.climbs(p) >= 2 || source == Source.PATH
          || PathTraversal.sensitiveFile(p) != null) {
        return new Finding(Category.PATH_TRAVERSAL, "path-traversal.dot-dot", Evidence.of(value, p, at, p.length()));
      }
    }
    String file = PathTraversal.sensitiveFile(p);
    if (file != null && looksLikeFileReference(p, file)) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.sensitive-file",
          Evidence.of(value, p, Math.max(0, p.indexOf(file)), p.length()));
    }
    int nul = p.indexOf('\0');
    if (nul >= 0 && (p.indexOf('.') >= 0 || p.indexOf('/') >= 0)) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.null-byte",
          Evidence.of(value, p, Math.max(0, nul - 20), Math.min(p.length(), nul + 4)));
    }
    int upload = p.indexOf("..") >= 0 ? fileNameParameterClimbs(p) : -1;
    if (upload >= 0) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.dot-dot",
          Evidence.of(value, p, upload, Math.min(p.length(), upload + 40)));
    }
    int redirect = redirectToSystemDirectory(p);
    if (redirect >= 0) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.redirect", Evidence.of(value, p, 0, p.length()));
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
  private static Finding header(String value, ValueScan scan) {
    if (!mayBePath(value) || value.indexOf("://") >= 0) {
      return null;
    }
    String p = PathTraversal.normalizeDecoded(scan.decoded());
    int at = PathTraversal.traversal(p);
    if (at >= 0) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.dot-dot", Evidence.of(value, p, at, p.length()));
    }
    return null;
  }

  /** Extensions of database dumps and backups: requesting one by URL is a scan for a file left in the web root. */
  private static final String[] DUMP_SUFFIXES = {
    ".sql", ".sql.zip", ".sql.gz", ".sql.bz2", ".sql.xz", ".sql.7z", ".sql.tar.gz", ".sql.tgz",
    ".bak"
  };

  /**
   * URL paths that ask for a file rather than a resource: a database dump or backup by name
   * ({@code /backup.sql.zip}, {@code /db.sql.gz}, {@code /index.php.bak}) and Vite's virtual-module
   * prefix ({@code /@id/__x00__}, the dev server's file-read bypass). Only in the URL path: a
   * parameter {@code file=backup.sql.zip} is what a backup-management API receives.
   */
  private static Finding pathProbe(String value) {
    for (String suffix : DUMP_SUFFIXES) {
      int at = value.length() - suffix.length();
      if (at > 0 && Ascii.regionIs(value, at, suffix) && value.charAt(at - 1) != '/') {
        return new Finding(Category.PATH_TRAVERSAL, "path-traversal.backup-file", value);
      }
    }
    if (Ascii.contains(value, "__x00__")) {
      return new Finding(Category.PATH_TRAVERSAL, "path-traversal.vite-virtual-module", value);
    }
    return null;
  }

  /**
   * Where a {@code filename=} parameter's value (a multipart Content-Disposition read as text:
   * {@code filename="../1.7z"}, {@code filename*=UTF-8''..%2f}) starts with a climbing {@code ..},
   * or -1. Other quoted attributes ({@code href="../guide"} in HTML content) stay prose.
   */
  private static int fileNameParameterClimbs(String p) {
    int n = p.length();
    int at = Ascii.indexOf(p, "filename", 0);
    while (at >= 0) {
      int k = at + 8;
      if (k < n && p.charAt(k) == '*') {
        k++;
      }
      if (k < n && p.charAt(k) == '=') {
        k++;
        if (k < n && (p.charAt(k) == '"' || p.charAt(k) == '\'')) {
          k++;
        }
        if (Ascii.regionIs(p, k, "utf-8''")) {
          k += 7;
        }
        if (PathTraversal.traversal(p.substring(k, Math.min(n, k + 3))) == 0) {
          return k;
        }
      }
      at = Ascii.indexOf(p, "filename", at + 8);
    }
    return -1;
  }

  /**
   * A value that starts with a shell redirection into a system directory ({@code >/tmp/x},
   * {@code >> /etc/cron.d/x}, {@code </etc/hosts}): output written to or read from a file by a
   * command line the value lands in. Returns 0 when it does, -1 otherwise.
   */
  private static int redirectToSystemDirectory(String p) {
    int i = 0;
    int n = p.length();
    if (n < 5 || p.charAt(0) != '>' && p.charAt(0) != '<') {
      return -1;
    }
    i++;
    if (i < n && p.charAt(i) == '>') {
      i++;
    }
    while (i < n && p.charAt(i) == ' ') {
      i++;
    }
    for (String dir : SYSTEM_DIRECTORIES) {
      if (Ascii.regionIs(p, i, dir)) {
        return 0;
      }
    }
    return -1;
  }

  private static final String[] SYSTEM_DIRECTORIES = {
    "/tmp/", "/etc/", "/dev/", "/var/", "/proc/", "/root/", "/usr/", "/bin/", "/sbin/", "/home/",
    "/opt/"
  };

  /** Names of sensitive files that need no separator to be recognised. */
  private static final String[] BARE_SENSITIVE = {
    "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".htaccess", ".htpasswd", "authorized_keys",
    "known_hosts", "global.asa", "httpd.conf", "php.ini", "web.xml", "win.ini", "boot.ini"
  };

  /**
   * Exact: {@link #mayBePath} (which every finding but none passes) needs a separator, an escape, a
   * NUL, a dot, an underscore (the bare sensitive names all have a dot or one), a form at or above
   * U+FF00, or {@code 0x}; the URL-path probes need a dot or an underscore too.
   */
  @Override
  public long triggers() {
    return CharClasses.SLASH | CharClasses.BACKSLASH | CharClasses.PERCENT | CharClasses.AMP | CharClasses.NUL
        | CharClasses.DOT | CharClasses.UNDERSCORE | CharClasses.FF00_UP | CharClasses.ZERO_X;
  }

  private static boolean mayBePath(String value) {
    // no separator, no "..", no escape: only a bare sensitive file name (or a dot-file segment) is left
    boolean plain = value.indexOf('/') < 0 && value.indexOf('\\') < 0 && value.indexOf("..") < 0
        && value.indexOf('%') < 0 && value.indexOf('&') < 0 && value.indexOf('\0') < 0;
    if (plain) {
      if (value.charAt(0) == '.') {
        return true;
      }
      for (int i = 0, n = value.length(); i < n; i++) {
        char c = value.charAt(i);
        if (c >= '\uff00' || c == '0' && i + 1 < n && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X')
            || c == '\\' && i + 1 < n && (value.charAt(i + 1) == 'u' || value.charAt(i + 1) == 'x')) {
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
      if (c == '.' || c == '/' || c == '\\' || c == '%' || c == '\0' || c == '&' || c >= '\uff00'
          || c == '0' && i + 1 < n && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X')) {
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

  /**
   * A path segment naming a dot-file or dot-directory ({@code .env}, {@code .git}, {@code .aws}), not
   * {@code .well-known}.
   */
  private static boolean isHiddenSegment(String segment) {
    if (segment.length() < 2 || segment.charAt(0) != '.' || segment.indexOf('/') >= 0) {
      return false;
    }
    char c = segment.charAt(1);
    return (c >= 'a' && c <= 'z' || c == '_') && !segment.startsWith(".well-known");
  }
}
