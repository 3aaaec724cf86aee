package io.bulwark.policy.detect.shell;

import static io.bulwark.policy.detect.shell.CommandWords.STRONG;

import io.bulwark.policy.detect.path.PathTraversal;
import io.bulwark.policy.detect.text.Ascii;

/**
 * What bash expands before it runs a command, for {@link CommandInjectionDetector}: syntax only
 * bash reads (arithmetic, parameter operators, process substitution, globs in paths), bracket globs
 * that pick a system binary, directory-stack and history expansions, and brace groups that expand
 * to a command.
 */
final class BashExpansions {

  private BashExpansions() {}

  /**
   * Syntax only bash reads: arithmetic {@code $[...]} and {@code $((...))}, parameter operators
   * {@code ${x#...} ${x%...} ${!x} ${#x}}, process substitution {@code <(...)} {@code >(...)}, and
   * globs inside absolute paths ({@code /etc/pa[s]swd}, {@code /bi[n]/bash}). Template placeholders
   * such as {@code ${name}} are not among them.
   */
  static int bashOnlySyntax(String text) {
    int n = text.length();
    for (int i = 0; i + 1 < n; i++) {
      char c = text.charAt(i);
      char d = text.charAt(i + 1);
      if (c == '$' && (d == '[' || d == '(' && i + 2 < n && text.charAt(i + 2) == '(')) {
        return i;
      }
      if (c == '$' && d == '{' && i + 2 < n) {
        char e = text.charAt(i + 2);
        if (e == '!' || e == '#' || e == '`') {
          return i;
        }
        int k = i + 2;
        while (k < n && k - i < 40 && (Ascii.isWordChar(text.charAt(k)))) {
          k++;
        }
        if (k > i + 2 && k < n
            && (text.charAt(k) == '#' || text.charAt(k) == '%' || text.charAt(k) == '^'
                || text.charAt(k) == '/' && k + 1 < n && text.charAt(k + 1) != '}')) {
          return i;
        }
      }
      if ((c == '<' || c == '>') && d == '(' && (i == 0 || text.charAt(i - 1) == ' ')) {
        return i;
      }
      if (c == '/' && d == '[' && i + 3 < n) {
        int close = text.indexOf(']', i + 2);
        if (close > i + 2 && close - i < 16 && close + 1 < n
            && (Ascii.isWordChar(text.charAt(close + 1)) || text.charAt(close + 1) == '/')) {
          return i; // /[e]tc  /[!q]asswd
        }
      }
      if (c == '[' && i > 1 && Ascii.isWordChar(text.charAt(i - 1)) && text.lastIndexOf('/', i) >= 0
          && text.charAt(0) != '[') {
        int close = text.indexOf(']', i + 1);
        int slash = text.lastIndexOf('/', i);
        boolean pathWord = slash >= 0 && text.indexOf(' ', slash) < 0 || slash >= 0 && text.indexOf(' ', slash) > i;
        if (close > i + 1 && close - i < 16 && close + 1 < n && Ascii.isWordChar(text.charAt(close + 1)) && pathWord
            && text.charAt(slash + 1) != '['
            && (slash == 0 || text.charAt(slash - 1) == ' ' || Ascii.isWordChar(text.charAt(slash - 1))
                || slash == text.indexOf('/'))) {
          String before = text.substring(Math.max(0, text.lastIndexOf(' ', i) + 1), i);
          if (before.startsWith("/")) {
            return i; // /etc/pa[s]swd
          }
        }
      }
    }
    return -1;
  }

  /**
   * A path at the start of the value whose bracket globs pick a system binary or a sensitive file:
   * {@code /bi[n]/bash}, {@code /u[s]r/bin/id}. The glob is resolved by the first character of
   * each class; negated classes and ranges are left to {@link #bashOnlySyntax}.
   */
  static int globbedSystemPath(String text) {
    int n = text.length();
    int s = 0;
    while (s < n && text.charAt(s) == ' ') {
      s++;
    }
    if (s >= n || text.charAt(s) != '/') {
      return -1;
    }
    int e = s;
    while (e < n && text.charAt(e) > ' ' && e - s < 128) {
      e++;
    }
    int bracket = text.indexOf('[', s);
    if (bracket < 0 || bracket >= e) {
      return -1;
    }
    StringBuilder path = new StringBuilder(e - s);
    for (int k = s; k < e; k++) {
      char c = text.charAt(k);
      if (c != '[') {
        path.append(c);
        continue;
      }
      int close = text.indexOf(']', k + 1);
      if (close < 0 || close >= e || close == k + 1 || close - k > 16 || text.charAt(k + 1) == '!'
          || text.charAt(k + 1) == '^' || text.charAt(k + 1) == '-') {
        return -1;
      }
      path.append(text.charAt(k + 1));
      k = close;
    }
    String p = path.toString();
    return CommandNames.isBinaryPath(p) || PathTraversal.sensitiveFile(PathTraversal.normalize(p)) != null ? s : -1;
  }

  /**
   * A whole value that is only bash tilde expansions of the directory stack ({@code ~+},
   * {@code ~-}, {@code ~+2}) or history expansions ({@code !!}, {@code !-1!-2}, {@code !-3}):
   * text no person types, which a shell replaces with earlier directories and commands.
   */
  static boolean bashHistoryOrTilde(String v) {
    int n = v.length();
    if (n < 2 || n > 32) {
      return false;
    }
    if (v.charAt(0) == '~') {
      if (v.charAt(1) != '+' && v.charAt(1) != '-') {
        return false;
      }
      for (int i = 2; i < n; i++) {
        if (v.charAt(i) < '0' || v.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }
    if (v.equals("!!")) {
      return true;
    }
    int events = 0;
    int i = 0;
    while (i < n) {
      if (v.charAt(i) != '!' || i + 1 >= n) {
        return false;
      }
      i++;
      if (v.charAt(i) == '-') {
        i++;
      }
      int digits = i;
      while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        i++;
      }
      if (i == digits) {
        return false;
      }
      events++;
    }
    return events >= 2 || v.charAt(1) == '-';
  }

  /** {@code {l,-lh}s}, {@code c{a,oun}t}, {@code {,ifconfig}}: a brace group one of whose expansions is a command. */
  static boolean braceExpandsToCommand(String word) {
    int open = word.indexOf('{');
    int close = word.indexOf('}', open + 1);
    if (open < 0 || close < 0 || word.indexOf(',', open) < 0 || word.indexOf(',', open) > close || close - open > 64) {
      return false;
    }
    String pre = word.substring(0, open);
    String post = word.substring(close + 1);
    int from = open + 1;
    while (from <= close) {
      int comma = word.indexOf(',', from);
      int end = comma < 0 || comma > close ? close : comma;
      String candidate = pre + word.substring(from, end) + post;
      if (!candidate.isEmpty() && STRONG.find(candidate) != null) {
        return true;
      }
      from = end + 1;
    }
    return false;
  }
}
