package io.bulwark.policy.detect.shell;

import static io.bulwark.policy.detect.shell.CommandWords.BY_PATH_ONLY;
import static io.bulwark.policy.detect.shell.CommandWords.DEV_TOOLS;
import static io.bulwark.policy.detect.shell.CommandWords.EVERYDAY;
import static io.bulwark.policy.detect.shell.CommandWords.STRONG;
import static io.bulwark.policy.detect.shell.CommandWords.UNMISTAKABLE;
import static io.bulwark.policy.detect.shell.CommandWords.WINDOWS_SWITCHED;

import io.bulwark.policy.detect.text.Ascii;
import java.util.Locale;

/** What a word names as a command: the command, a binary by path, and how it is spelled. */
final class CommandNames {

  private CommandNames() {}

  /** The command a word names: its base name (after the last / or \), lower case, if it is a known command. */
  static String commandName(String word) {
    if (word.isEmpty() || word.length() > 64) {
      return null;
    }
    // brace expansion: {cat,/etc/passwd} runs cat /etc/passwd
    if (word.startsWith("{") && word.indexOf(',') > 1) {
      return STRONG.find(word, 1, word.indexOf(','));
    }
    int switchAt = word.indexOf('/');
    if (switchAt > 1 && word.length() - switchAt <= 5 && word.indexOf('/', switchAt + 1) < 0
        && isLetters(word, switchAt + 1, word.length()) && WINDOWS_SWITCHED.contains(word, 0, switchAt)) {
      return WINDOWS_SWITCHED.find(word, 0, switchAt); // bcdboot/r, ipconfig/all
    }
    int slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
    String base = slash >= 0 ? word.substring(slash + 1) : word;
    if (base.length() > 4 && base.regionMatches(true, base.length() - 4, ".exe", 0, 4)) {
      base = base.substring(0, base.length() - 4);
    }
    if (base.isEmpty()) {
      return null;
    }
    String known = STRONG.find(base);
    return known != null ? known : disguisedCommand(base);
  }

  /**
   * A command under a suffix a shell ignores or adds: an empty variable ({@code sh$XX}), or a
   * version ({@code gcc10.1}, {@code php8.2}; not for words that are also English).
   */
  private static String disguisedCommand(String base) {
    int dollar = base.indexOf('$');
    if (dollar >= 2) {
      StringBuilder b = new StringBuilder(base.length());
      for (int k = 0; k < base.length(); k++) {
        char c = base.charAt(k);
        if (c == '$' && k + 1 < base.length() && (isLetters(base, k + 1, k + 2) || base.charAt(k + 1) == '_')) {
          k++;
          while (k + 1 < base.length() && (Ascii.isWordChar(base.charAt(k + 1)))) {
            k++;
          }
          continue;
        }
        b.append(c);
      }
      return b.length() >= 2 ? STRONG.find(b) : null;
    }
    int end = base.length();
    while (end > 0 && (Character.isDigit(base.charAt(end - 1)) || base.charAt(end - 1) == '.')) {
      end--;
    }
    if (end < 2 || end == base.length() || !Character.isDigit(base.charAt(end)) || !isLetters(base, 0, end)) {
      return null;
    }
    String command = STRONG.find(base, 0, end);
    return command != null && EVERYDAY.find(command) == null ? command : null;
  }

  private static boolean isLetters(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return to > from;
  }

  /** A tool no prose starts with: in {@link CommandWords#UNMISTAKABLE}, or with a hyphen or digit in its name. */
  static boolean unmistakable(String command) {
    if (command == null || EVERYDAY.find(command) != null || DEV_TOOLS.find(command) != null) {
      return false;
    }
    if (UNMISTAKABLE.find(command) != null) {
      return true;
    }
    for (int k = 1; k < command.length(); k++) {
      char c = command.charAt(k);
      if (c == '-' || c >= '0' && c <= '9') {
        return command.indexOf(".exe") < 0;
      }
    }
    return false;
  }

  /**
   * {@code ZsTdcaT}: letters whose case flips three or more times, which nobody types (a
   * case-insensitive file system runs it).
   */
  static boolean scrambledCase(String word) {
    int flips = 0;
    for (int k = 2; k < word.length(); k++) {
      char a = word.charAt(k - 1);
      char b = word.charAt(k);
      if ((a >= 'a' && a <= 'z') && (b >= 'A' && b <= 'Z') || (a >= 'A' && a <= 'Z') && (b >= 'a' && b <= 'z')) {
        flips++;
      }
    }
    return flips >= 3;
  }

  /** Unix commands are lower case; cmd.exe ignores case. "; ID" in prose is no command, "; DIR" may be. */
  static boolean isLowerOrWindows(String word, String command) {
    int slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
    String base = slash >= 0 ? word.substring(slash + 1) : word;
    if (base.equals(base.toLowerCase(Locale.ROOT)) || command.indexOf('-') > 0 && STRONG.find(command) != null) {
      return true; // PowerShell cmdlets ignore case: Invoke-WebRequest
    }
    switch (command) {
      case "dir":
      case "type":
      case "copy":
      case "del":
      case "cmd":
      case "cmd.exe":
      case "powershell":
      case "powershell.exe":
      case "ipconfig":
      case "systeminfo":
      case "net":
      case "for":
      case "if":
      case "set":
      case "echo":
      case "ping":
      case "whoami":
      case "tasklist":
      case "findstr":
        return base.equals(base.toUpperCase(Locale.ROOT));
      default:
        return false;
    }
  }

  static boolean isBinaryPath(String word) {
    String w = word.toLowerCase(Locale.ROOT).replace('\\', '/');
    if (w.startsWith("bin/") || w.startsWith("sbin/") || w.startsWith("usr/bin/") || w.startsWith("usr/sbin/")
        || w.startsWith("usr/local/bin/")) {
      String base = w.substring(w.lastIndexOf('/') + 1);
      return STRONG.find(base) != null || BY_PATH_ONLY.find(base) != null; // bin/visudo, bin/chef
    }
    return w.startsWith("/bin/") && w.length() > 5 || w.startsWith("/usr/bin/") && w.length() > 9
        || w.startsWith("/sbin/") && w.length() > 6 || w.startsWith("/usr/sbin/") && w.length() > 10
        || w.startsWith("/usr/local/bin/") && w.length() > 15 || w.contains("/system32/") || w.endsWith("cmd.exe")
        || w.endsWith("powershell.exe") || w.startsWith("/tmp/") && w.length() > 5 && !w.contains(".");
  }

  static boolean isWindowsShell(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return w.endsWith("cmd.exe") || w.endsWith("powershell.exe");
  }

  static final String[] SCRIPT_EXTENSIONS = {
    ".yml", ".yaml", ".rb", ".py", ".sh", ".pl", ".php", ".ps1", ".bat", ".cmd", ".js", ".json",
    ".conf", ".cfg", ".ini", ".toml"
  };

  static boolean scriptFile(String word) {
    for (String ext : SCRIPT_EXTENSIONS) {
      if (word.length() > ext.length()
          && word.regionMatches(true, word.length() - ext.length(), ext, 0, ext.length())) {
        return true;
      }
    }
    return false;
  }
}
