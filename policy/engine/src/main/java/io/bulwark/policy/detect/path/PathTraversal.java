package io.bulwark.policy.detect.path;

import io.bulwark.policy.detect.decode.InputDecoding;

/**
 * Reading a value as a file path the way a file API would: decoded (URL escapes including overlong
 * UTF-8 such as {@code %c0%ae}, {@code %u002e}, the {@code 0x2e} spelling some filters forget),
 * backslashes as separators, case folded, and then asked whether it climbs out of a directory, names
 * a file no application serves, or carries a NUL that cuts a suffix off. Reusable by sink checks that
 * see the path a {@code File} or {@code Path} was built from.
 */
public final class PathTraversal {

  private static final String[] SENSITIVE = {
    "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/hosts", "/etc/issue", "/etc/hostname",
    "/etc/sudoers", "/etc/crontab", "/etc/fstab", "/etc/mysql/", "/etc/httpd/", "/etc/apache2/",
    "/etc/nginx/", "/etc/ssh/", "/etc/security/", "/etc/profile", "/etc/environment", "/etc/resolv.conf",
    "/proc/self/", "/proc/version", "/proc/cmdline", "/proc/mounts", "/proc/net/", "/proc/interrupts",
    "/proc/cpuinfo", "/proc/meminfo", "/proc/sched_debug", "/proc/1/", "/dev/fd/", "/dev/stdin",
    "/var/log/", "/var/run/secrets/", "/var/lib/mysql", "/root/", "/.ssh/", "id_rsa", "id_dsa",
    "id_ecdsa", "id_ed25519", "authorized_keys", "known_hosts", "/.bash_history", "/.bashrc",
    "/.aws/credentials", "/.aws/config", "/.docker/config.json", "/.kube/config", "/.git/",
    "/.svn/", "/.hg/", "/.env", ".htaccess", ".htpasswd", "web-inf/web.xml", "web-inf/classes/",
    "web-inf/lib/", "meta-inf/manifest.mf", "meta-inf/context.xml", "/boot.ini", "/win.ini",
    "/system.ini", "windows/system32/", "/winnt/", "windows/repair/", "/inetpub/", "/autoexec.bat",
    "/config.sys", "/applicationhost.config", "global.asa", "/wp-config.php", "/config.php",
    "/configuration.php", "/localsettings.php", "/settings.py", "/database.yml", "/.npmrc",
    "/.pgpass", "/.my.cnf", "/.netrc", "/.gitconfig", "/.git-credentials", "httpd.conf",
    "php.ini", "/my.ini", "/my.cnf", "/usr/local/apache", "/usr/local/etc/", "/opt/lampp/",
    "/xampp/", "/.dockerenv", "/etc/kubernetes/", "/run/secrets/", "/usr/share/", "/sys/class/",
    "/sys/kernel/", "/system32/config/", "/repair/sam", "/logs/access.log", "/logs/error.log",
    "/sys/class", "/sys/devices", "/sys/firmware", "/etc/subuid", "/etc/subgid", "/etc/master.passwd",
    "/etc/pwd.db", "/.docker/", "wp-content/debug.log", "wp-content/error.log",
    "wp-content/errors.log", "/.ssh", "/proc/self", "/etc/passwd-",
    "/.bash_profile", "/.zsh_history", "/.mysql_history", "/.psql_history", "/.viminfo", "/.lesshst"
  };

  /** The first path segments of every {@link #SENSITIVE} entry: a path without one names none of them. */
  private static final io.bulwark.policy.detect.text.WordTable SEGMENTS =
      new io.bulwark.policy.detect.text.WordTable(
          "etc", "proc", "dev", "var", "root", ".ssh", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
          "authorized_keys", "known_hosts", ".bash_history", ".bashrc", ".bash_profile", ".aws", ".docker",
          ".kube", ".git", ".svn", ".hg", ".env", ".htaccess", ".htpasswd", "web-inf", "meta-inf", "boot.ini",
          "win.ini", "system.ini", "windows", "winnt", "inetpub", "autoexec.bat", "config.sys",
          "applicationhost.config", "global.asa", "wp-config.php", "config.php", "configuration.php",
          "localsettings.php", "settings.py", "database.yml", ".npmrc", ".pgpass", ".my.cnf", ".netrc",
          ".gitconfig", ".git-credentials", "httpd.conf", "php.ini", "my.ini", "my.cnf", "usr", "opt",
          "xampp", ".dockerenv", "run", "sys", "system32", "repair", "logs", "wp-content", ".zsh_history",
          ".mysql_history", ".psql_history", ".viminfo", ".lesshst", "mysql", "httpd", "apache2", "nginx",
          "ssh", "security", "kubernetes", "secrets", "lampp", "local");

  private PathTraversal() {}

  private static boolean hasSensitiveSegment(String p) {
    int n = p.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || p.charAt(i) == '/') {
        if (i > start && SEGMENTS.contains(p, start, i)) {
          return true;
        }
        int s = start;
        while (s < i && p.charAt(s) == '.') {
          s++; // "....web-inf": the dots of a traversal attempt glued to the name
        }
        if (s > start + 1 && s < i && SEGMENTS.contains(p, s, i)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** The value decoded and normalized for path checks: separators as {@code /}, ASCII lower case. */
  public static String normalize(String value) {
    return normalizeDecoded(InputDecoding.decode(value));
  }

  /** {@link #normalize} of a value already through {@link InputDecoding#decode}. */
  public static String normalizeDecoded(String decoded) {
    String folded = foldHexSpelling(decoded);
    StringBuilder b = null;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      char out = c == '\\' ? '/' : c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      if (out != c && b == null) {
        b = new StringBuilder(folded.length());
        b.append(folded, 0, i);
      }
      if (b != null) {
        b.append(out);
      }
    }
    return b == null ? folded : b.toString();
  }

  /** {@code 0x2e0x2e0x2f}: the hex spelling of {@code ../} that some decoders and filters accept. */
  private static String foldHexSpelling(String s) {
    if (s.indexOf("0x") < 0 && s.indexOf("0X") < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '0' && i + 3 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
        String hex = s.substring(i + 2, i + 4).toLowerCase(java.util.Locale.ROOT);
        if (hex.equals("2e") || hex.equals("2f") || hex.equals("5c")) {
          b.append((char) Integer.parseInt(hex, 16));
          i += 3;
          continue;
        }
      }
      b.append(s.charAt(i));
    }
    return b.toString();
  }

  /**
   * The index of a {@code ..} segment in a normalized path that climbs a directory: {@code ../},
   * {@code /..} at the end, and the filter-bypass spellings {@code ....//} and {@code ..;/}; or -1.
   */
  public static int traversal(String normalized) {
    int n = normalized.length();
    int i = normalized.indexOf("..");
    while (i >= 0) {
      // i starts a maximal run of dots: the search always resumes after the previous run
      int j = i;
      while (j < n && normalized.charAt(j) == '.') {
        j++;
      }
      if (i == 0 || normalized.charAt(i - 1) == '/') {
        // Windows strips trailing dots and spaces from a segment: ".. /" and "... /" climb too
        int k = j;
        while (k < n && (normalized.charAt(k) == ' ' || normalized.charAt(k) == ';' || normalized.charAt(k) == '\0')) {
          k++;
        }
        boolean climbsAtEnd = k >= n && (i > 0 || j - i == 2); // "/.." or a bare "..", not "..."
        if (k < n && j - i == 2 && normalized.charAt(j) == ';') {
          return i; // "..;x/": a path parameter after the dots, which servlet containers strip
        }
        if (climbsAtEnd || k < n && (normalized.charAt(k) == '/' || normalized.charAt(k) == '?')) {
          return i;
        }
      }
      i = j >= n ? -1 : normalized.indexOf("..", j);
    }
    return -1;
  }

  /** How many {@code ..} segments climb in a normalized path (bounded count). */
  public static int climbs(String normalized) {
    int count = 0;
    int from = 0;
    while (count < 8) {
      int at = traversal(normalized.substring(from));
      if (at < 0) {
        break;
      }
      count++;
      from += at + 2;
      if (from >= normalized.length()) {
        break;
      }
    }
    return count;
  }

  /** The sensitive file or directory a normalized path names, or {@code null}. */
  public static String sensitiveFile(String normalized) {
    if (normalized.indexOf('/') < 0 && normalized.indexOf('.') < 0 && normalized.indexOf('_') < 0) {
      return null;
    }
    if (!hasSensitiveSegment(normalized)) {
      return null;
    }
    String p = normalized;
    // c:/windows/win.ini and /etc//passwd: drop the drive, collapse repeated separators and ./ segments
    if (p.indexOf("//") >= 0 || p.indexOf("/./") >= 0) {
      StringBuilder b = new StringBuilder(p.length());
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c == '/' && b.length() > 0 && b.charAt(b.length() - 1) == '/') {
          continue;
        }
        if (c == '.' && b.length() > 0 && b.charAt(b.length() - 1) == '/' && i + 1 < p.length()
            && p.charAt(i + 1) == '/') {
          i++;
          continue;
        }
        b.append(c);
      }
      p = b.toString();
    }
    for (String file : SENSITIVE) {
      int at = p.indexOf(file);
      if (at >= 0) {
        return file;
      }
    }
    if (p.startsWith("etc/passwd") || p.startsWith("etc/shadow") || p.startsWith("proc/self/")
        || p.startsWith("windows/win.ini") || p.startsWith("web-inf/") || p.startsWith("meta-inf/")) {
      return p.substring(0, Math.min(p.length(), 16));
    }
    return null;
  }
}
