package io.bulwark.policy.detect.path;

import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.WordTable;

/**
 * File names an upload must not be stored under (CRS 932180, "restricted file upload"): files that
 * configure the web server or the application when written into its directory ({@code .htaccess},
 * {@code web.config}, {@code .user.ini}, {@code wp-config.php}, Drupal's {@code settings.php}) or
 * that hold credentials or a shell's start-up code ({@code .boto}, {@code id_rsa}, {@code .bashrc}).
 * Writing one of them is code execution or account takeover, whatever its content. Names are
 * compared as a server would store them: the base name, lower case, blanks removed ({@code
 * settings. php}); a backup suffix after the name counts too ({@code wp-config.php.bak},
 * {@code wp-config_php.txt}). {@code report.pdf}, {@code settings.png} or {@code htaccess-guide.pdf}
 * are ordinary uploads.
 */
public final class RestrictedUploads {

  private static final WordTable NAMES =
      new WordTable(
          ".htaccess", ".htpasswd", ".htdigest", ".user.ini", "php.ini", "web.config", "settings.php",
          "settings.inc.php", "settings.local.php", "default.settings.php", "localsettings.php",
          "configuration.php", "wp-config.php", "wp-config", ".boto", ".s3cfg", ".netrc", ".pgpass",
          ".my.cnf", ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc",
          ".zprofile", ".cshrc", ".tcshrc", ".kshrc", ".rhosts", ".forward", "authorized_keys",
          "authorized_keys2", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".gitconfig", ".npmrc",
          ".pypirc", ".dockercfg", ".git-credentials");

  /** What may follow a name in a copy or backup of it: {@code .bak}, {@code -php.txt}, {@code ~}. */
  private static final WordTable SUFFIXES =
      new WordTable(
          "php", "bak", "old", "orig", "txt", "tmp", "temp", "save", "swp", "backup", "copy",
          "dist", "sample", "inc", "1", "2");

  private RestrictedUploads() {}

  /**
   * The restricted name {@code fileName} is stored as, or {@code null}. Blanks are removed and
   * directories before the last {@code /} or {@code \} dropped; at most 255 characters are read.
   */
  public static String match(CharSequence fileName) {
    int n = Math.min(fileName.length(), 255);
    StringBuilder b = null;
    int base = 0;
    for (int i = 0; i < n; i++) {
      char c = fileName.charAt(i);
      if (c == '/' || c == '\\') {
        base = i + 1;
      }
    }
    for (int i = base; i < n; i++) {
      char c = fileName.charAt(i);
      if (c > ' ' && c != '"' && c != '\'') {
        if (b == null) {
          b = new StringBuilder(n - base);
        }
        b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
      }
    }
    if (b == null || b.length() < 4) {
      return null;
    }
    String name = b.toString();
    String exact = NAMES.find(name);
    if (exact != null) {
      return exact;
    }
    // a known name followed by backup suffixes: the longest known name the value starts with
    for (int end = name.length() - 1; end >= 4; end--) {
      char sep = name.charAt(end);
      if (sep != '.' && sep != '-' && sep != '_' && sep != '~') {
        continue;
      }
      String known = NAMES.find(name, 0, end);
      if (known != null && onlySuffixes(name, end)) {
        return known;
      }
    }
    return null;
  }

  /**
   * Where a {@code filename=} parameter of {@code text} (a multipart part's Content-Disposition read
   * as text: {@code form-data; name="f"; filename="wp-config.php"}) names a restricted file, or -1.
   */
  public static int inFileNameParameter(String text) {
    int n = text.length();
    for (int at = Ascii.indexOf(text, "filename", 0); at >= 0; at = Ascii.indexOf(text, "filename", at + 8)) {
      int k = at + 8;
      if (k < n && text.charAt(k) == '*') {
        continue; // filename*=UTF-8''... is percent-encoded: read by the path detector
      }
      while (k < n && text.charAt(k) == ' ') {
        k++;
      }
      if (k >= n || text.charAt(k) != '=' || at > 0 && text.charAt(at - 1) != ' ' && text.charAt(at - 1) != ';') {
        continue;
      }
      k++;
      while (k < n && text.charAt(k) == ' ') {
        k++;
      }
      char quote = k < n && (text.charAt(k) == '"' || text.charAt(k) == '\'') ? text.charAt(k) : 0;
      int start = quote != 0 ? k + 1 : k;
      int end = start;
      while (end < n && end - start < 255 && text.charAt(end) != '\n' && text.charAt(end) != '\r'
          && (quote != 0 ? text.charAt(end) != quote : text.charAt(end) != ';')) {
        end++;
      }
      if (match(text.subSequence(start, end)) != null) {
        return at;
      }
      at = Math.max(at, end - 8);
    }
    return -1;
  }

  private static boolean onlySuffixes(String name, int from) {
    int i = from;
    int n = name.length();
    while (i < n) {
      char c = name.charAt(i);
      if (c == '.' || c == '-' || c == '_' || c == '~') {
        i++;
        continue;
      }
      int end = i;
      while (end < n && name.charAt(end) != '.' && name.charAt(end) != '-' && name.charAt(end) != '_'
          && name.charAt(end) != '~') {
        end++;
      }
      if (!SUFFIXES.contains(name, i, end)) {
        return false;
      }
      i = end;
    }
    return true;
  }
}
