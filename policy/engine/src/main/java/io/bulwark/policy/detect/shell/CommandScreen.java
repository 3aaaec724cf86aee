package io.bulwark.policy.detect.shell;

import static io.bulwark.policy.detect.shell.CommandWords.CODE_EXEC;
import static io.bulwark.policy.detect.shell.CommandWords.DEV_TOOLS;
import static io.bulwark.policy.detect.shell.CommandWords.EVERYDAY;
import static io.bulwark.policy.detect.shell.CommandWords.STRONG;
import static io.bulwark.policy.detect.shell.CommandWords.WRAPPERS;

import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.CharClasses;

/**
 * The screen in front of {@link CommandInjectionDetector}: whether a raw value could start a
 * command at all, read character by character without lexing. Values of words, numbers and
 * ordinary punctuation, and prose whose separators no command word follows, stop here.
 */
final class CommandScreen {

  private CommandScreen() {}

  private static final String METACHARACTERS = ";|&$`\n\r<>%\\{\u2028\uff1b\uff5c\uff06";
  private static final long METACHARACTER_CLASSES = CharClasses.SEMICOLON | CharClasses.PIPE | CharClasses.AMP
      | CharClasses.DOLLAR | CharClasses.BACKTICK | CharClasses.LF | CharClasses.CR | CharClasses.LT | CharClasses.GT
      | CharClasses.PERCENT | CharClasses.BACKSLASH | CharClasses.LBRACE | CharClasses.LINE_BREAK | CharClasses.FF00_UP;

  /**
   * Whether the value has anything a command needs: a separator, substitution, redirect, expansion,
   * escape, brace, a path to a binary at the start, an option ({@code " -"}), or a cmd.exe {@code
   * if}. Values of words, numbers and ordinary punctuation are clean without lexing.
   * Searches the value's classes (read once for every detector) rule out are skipped.
   */
  static boolean mayHoldCommand(String value, ValueScan scan) {
    if (scan.holdsAny(METACHARACTER_CLASSES, METACHARACTERS)) {
      return true;
    }
    if (scan.mayHold(CharClasses.SPACE) && scan.mayHold(CharClasses.MINUS | CharClasses.SLASH)
        && (value.indexOf(" -") >= 0 || value.indexOf(" /") >= 0)) {
      return true;
    }
    if (scan.mayHold(CharClasses.SLASH) && value.indexOf("/dev/") >= 0
        || scan.mayHold(CharClasses.LPAREN) && value.indexOf("()") >= 0) {
      return true;
    }
    if (value.charAt(0) == '/') {
      // a path to a binary at the start: /bin/sh, /usr/bin/id, /tmp/x; or a glob: /etc/pa[s]swd
      return value.startsWith("/bin/") || value.startsWith("/usr/") || value.startsWith("/sbin/")
          || value.startsWith("/tmp/") || value.startsWith("/opt/") || value.indexOf('[') > 0;
    }
    if (Ascii.regionIs(value, 0, "alias ") || Ascii.regionIs(value, 0, "invoke-") || value.charAt(0) == '~') {
      return true;
    }
    if (value.startsWith("bin/") || value.startsWith("sbin/") || value.startsWith("usr/")) {
      return true; // bin/visudo: a binary by a relative path
    }
    int space = value.indexOf(' ');
    int firstEnd = space < 0 ? value.length() : space;
    if (space > 0 && WRAPPERS.contains(value, 0, space)) {
      // time bsdtar: a wrapper at the start running a tool no prose names
      int end = value.indexOf(' ', space + 1);
      end = end < 0 ? value.length() : end;
      String tool = STRONG.find(value, space + 1, end);
      if (tool != null && EVERYDAY.find(tool) == null && DEV_TOOLS.find(tool) == null) {
        return true;
      }
    }
    if (space > 0 && CommandNames.unmistakable(STRONG.find(value, 0, firstEnd))) {
      return true; // ansible-playbook site.yml: judged by its arguments
    }
    return scan.mayHoldAll(CharClasses.LBRACKET | CharClasses.SLASH) && value.indexOf('[') >= 0
        && value.indexOf('/') >= 0 || Ascii.regionIs(value, 0, "if ") || Ascii.regionIs(value, 0, "if/")
        || Ascii.regionIs(value, 0, "for ");
  }

  /**
   * A fast pass for the common clean case "gift-wrap; it's for Anna", "Tom & Jerry", "A|B": the
   * value's only shell syntax is separators ({@code ; & |} and line breaks), none of them followed
   * by a command word, and the value does not start with one. Anything else goes to the lexer.
   */
  static boolean onlyProseAfterSeparators(String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '$' || c == '`' || c == '<' || c == '>' || c == '{' || c == '\\' || c == '%' || c == '^'
          || c == '&' && i + 1 < n && value.charAt(i + 1) == '#' || c == '(' && i + 1 < n && value.charAt(i + 1) == ')'
          || c >= '\u2028' && c <= '\u2029' || c >= '\uff00') {
        return false;
      }
      if (c == '-' && i > 0 && value.charAt(i - 1) == ' ') {
        return false; // an option: left to the at-start rules
      }
    }
    if (value.indexOf('+') >= 0 && value.indexOf(' ') < 0) {
      return false; // form-encoded: the lexer reads it with + as spaces
    }
    if (commandWordAt(value, 0)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      // only the last separator of a run looks at the word after it: linear
      if (isSeparator(c) && (i + 1 >= n || !isSeparator(value.charAt(i + 1))) && commandWordAt(value, i + 1)) {
        return false;
      }
    }
    return !Ascii.regionIs(value, 0, "if ") && !Ascii.regionIs(value, 0, "if/") && !Ascii.regionIs(value, 0, "for ");
  }

  private static boolean isSeparator(char c) {
    return c == ';' || c == '|' || c == '&' || c == '\n' || c == '\r';
  }

  /** Whether the word at {@code from} (after spaces and quotes; quotes removed) could be a command. */
  private static boolean commandWordAt(String value, int from) {
    int n = value.length();
    int i = from;
    while (i < n
        && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == '"' || value.charAt(i) == '\'')) {
      i++;
    }
    if (i >= n) {
      return false;
    }
    if (value.charAt(i) == '/' || value.charAt(i) == '.') {
      return true; // a path: /bin/sh, ./x
    }
    StringBuilder word = null;
    int start = i;
    boolean quoted = false;
    while (i < n && value.charAt(i) > ' ' && ";|&()".indexOf(value.charAt(i)) < 0) {
      char c = value.charAt(i);
      if (c == '\'' || c == '"') {
        quoted = true;
      }
      if (c == '/' || c == '\\') {
        return true; // a path: usr/bin/id, c:\windows\...
      }
      i++;
    }
    if (i - start > 64) {
      return false;
    }
    if (!quoted) {
      return STRONG.contains(value, start, i) || WRAPPERS.contains(value, start, i)
          || CODE_EXEC.contains(value, start, i) || value.regionMatches(true, Math.max(start, i - 4), ".exe", 0, 4);
    }
    word = new StringBuilder(i - start);
    for (int k = start; k < i; k++) {
      char c = value.charAt(k);
      if (c != '\'' && c != '"') {
        word.append(c);
      }
    }
    return STRONG.find(word) != null || WRAPPERS.find(word) != null || CODE_EXEC.find(word) != null;
  }
}
