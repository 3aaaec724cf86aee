package io.bulwark.policy.detect.shell;

import static io.bulwark.policy.detect.shell.CommandWords.CODE_EXEC;
import static io.bulwark.policy.detect.shell.CommandWords.DEV_TOOLS;
import static io.bulwark.policy.detect.shell.CommandWords.EVERYDAY;
import static io.bulwark.policy.detect.shell.CommandWords.STRONG;
import static io.bulwark.policy.detect.shell.CommandWords.WRAPPERS;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.decode.InputDecoding;
import io.bulwark.policy.detect.path.RestrictedUploads;
import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.CharClasses;
import io.bulwark.policy.detect.text.Evidence;
import java.util.List;

/**
 * OS command injection: a value that, pasted into a command line, starts a command of its own. The
 * decoded value is lexed as shell ({@link ShellLexer}); a finding needs a command word in command
 * position: after a separator or control operator ({@code ; | || & && newline}), inside a
 * substitution ({@code $(...)}, backticks), after {@code $IFS}, or at the very start when written as
 * a path to a system binary or followed by shell syntax. Words nobody types in prose ({@code
 * whoami}, {@code wget}, {@code nc}) count on their own; common words that are also commands
 * ({@code cat}, {@code echo}, {@code dir}) need an argument that looks like one (a path, an option)
 * or an obfuscation. "Tom &amp; Jerry", "rock; cat lovers" and "A|B testing" pass.
 */
public final class CommandInjectionDetector implements Detector {

  static final int MAX_TOKENS = 10_000;

  @Override
  public Category category() {
    return Category.COMMAND_INJECTION;
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
    if (source != Source.HEADER && (value.charAt(0) == '~' || value.charAt(0) == '!') && bashHistoryOrTilde(value.trim())) {
      return finding("cmdi.expansion", value, value, 0);
    }
    int upload = restrictedUpload(source, name, value);
    if (upload >= 0) {
      return finding("cmdi.restricted-upload", value, value, upload);
    }
    if (!mayHoldCommand(value, scan) || onlyProseAfterSeparators(value)) {
      return null;
    }
    String text = InputDecoding.decode(value);
    String trimmed = text.trim();
    if (trimmed.startsWith("() {") || trimmed.startsWith("(){") || Ascii.contains(text, "() {") && Ascii.contains(text, "};")) {
      return finding("cmdi.shellshock", value, text, Ascii.indexOf(text, "() {", 0));
    }
    int ssi = Ascii.indexOf(text, "<!--#exec", 0);
    if (ssi >= 0) {
      return finding("cmdi.ssi", value, text, ssi);
    }
    int tcp = Ascii.indexOf(text, "/dev/tcp/", 0);
    if (tcp < 0) {
      tcp = Ascii.indexOf(text, "/dev/udp/", 0);
    }
    if (tcp >= 0) {
      return finding("cmdi.reverse-shell", value, text, tcp);
    }
    boolean header = source == Source.HEADER;
    if (!header) {
      int expansion = bashOnlySyntax(text);
      if (expansion >= 0) {
        return finding("cmdi.expansion", value, text, expansion);
      }
      int loop = WindowsBatch.loopOrCondition(text);
      if (loop >= 0) {
        return finding("cmdi.windows-batch", value, text, loop);
      }
      int glob = globbedSystemPath(text);
      if (glob >= 0) {
        return finding("cmdi.expansion", value, text, glob); // /bi[n]/bash
      }
      int lead = 0;
      while (lead < text.length() && text.charAt(lead) == ' ') {
        lead++;
      }
      if ((text.startsWith("${SHELL} -", lead) || text.startsWith("${BASH} -", lead)) && text.indexOf(' ', lead) + 1 < text.length()) {
        return finding("cmdi.command", value, text, lead); // ${SHELL} -c "..."
      }
    }
    Finding f = judge(value, text, header);
    if (f == null && text.indexOf('+') >= 0 && text.indexOf(' ') < 0 && hasMetacharacterAfter(text, text.indexOf('+'))) {
      f = judge(value, text.replace('+', ' '), header); // a form-encoded value nobody decoded
    }
    // the value may land inside a quoted argument: read it after the quote it would close
    int dq = text.indexOf('"');
    if (f == null && dq >= 0 && hasMetacharacterAfter(text, dq)) {
      f = judge(value, "\"" + text, header);
    }
    int sq = text.indexOf('\'');
    if (f == null && sq >= 0 && hasMetacharacterAfter(text, sq)) {
      f = judge(value, "'" + text, header);
    }
    // a lone quote before it closes the argument the value lands in: 'TiMe Sh -c whoami
    char first = text.isEmpty() ? ' ' : text.charAt(0);
    if (f == null && (first == '\'' || first == '"') && text.indexOf(first, 1) < 0) {
      f = judge(value, text.substring(1), header);
    }
    return f;
  }

  /** Where an upload is stored under a restricted name (an {@code X-Filename} header, a multipart {@code filename=}), or -1. */
  private static int restrictedUpload(Source source, String name, String value) {
    if (source == Source.HEADER && name != null && (name.equalsIgnoreCase("x-filename") || name.equalsIgnoreCase("x-file-name") || name.equalsIgnoreCase("x-upload-filename"))) {
      return RestrictedUploads.match(value) != null ? 0 : -1;
    }
    return value.length() > 12 && value.indexOf('=') > 0 ? RestrictedUploads.inFileNameParameter(value) : -1;
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
      if (close < 0 || close >= e || close == k + 1 || close - k > 16 || text.charAt(k + 1) == '!' || text.charAt(k + 1) == '^' || text.charAt(k + 1) == '-') {
        return -1;
      }
      path.append(text.charAt(k + 1));
      k = close;
    }
    String p = path.toString();
    return CommandNames.isBinaryPath(p) || io.bulwark.policy.detect.path.PathTraversal.sensitiveFile(io.bulwark.policy.detect.path.PathTraversal.normalize(p)) != null ? s : -1;
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
      if (c == '$' || c == '`' || c == '<' || c == '>' || c == '{' || c == '\\' || c == '%' || c == '^' || c == '&' && i + 1 < n && value.charAt(i + 1) == '#' || c == '(' && i + 1 < n && value.charAt(i + 1) == ')' || c >= '\u2028' && c <= '\u2029' || c >= '\uff00') {
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
    while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == '"' || value.charAt(i) == '\'')) {
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
      return STRONG.contains(value, start, i) || WRAPPERS.contains(value, start, i) || CODE_EXEC.contains(value, start, i) || value.regionMatches(true, Math.max(start, i - 4), ".exe", 0, 4);
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

  /** Whether a separator or substitution follows {@code from}: only then can a quote context matter. */
  private static boolean hasMetacharacterAfter(String text, int from) {
    for (int i = from + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ';' || c == '|' || c == '&' || c == '`' || c == '$' || c == '\n' || c == '\r' || c == '<' || c == '>') {
        return true;
      }
    }
    return false;
  }

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
        if (k > i + 2 && k < n && (text.charAt(k) == '#' || text.charAt(k) == '%' || text.charAt(k) == '^' || text.charAt(k) == '/' && k + 1 < n && text.charAt(k + 1) != '}')) {
          return i;
        }
      }
      if ((c == '<' || c == '>') && d == '(' && (i == 0 || text.charAt(i - 1) == ' ')) {
        return i;
      }
      if (c == '/' && d == '[' && i + 3 < n) {
        int close = text.indexOf(']', i + 2);
        if (close > i + 2 && close - i < 16 && close + 1 < n && (Ascii.isWordChar(text.charAt(close + 1)) || text.charAt(close + 1) == '/')) {
          return i; // /[e]tc  /[!q]asswd
        }
      }
      if (c == '[' && i > 1 && Ascii.isWordChar(text.charAt(i - 1)) && text.lastIndexOf('/', i) >= 0 && text.charAt(0) != '[') {
        int close = text.indexOf(']', i + 1);
        int slash = text.lastIndexOf('/', i);
        boolean pathWord = slash >= 0 && text.indexOf(' ', slash) < 0 || slash >= 0 && text.indexOf(' ', slash) > i;
        if (close > i + 1 && close - i < 16 && close + 1 < n && Ascii.isWordChar(text.charAt(close + 1)) && pathWord && text.charAt(slash + 1) != '[' && (slash == 0 || text.charAt(slash - 1) == ' ' || Ascii.isWordChar(text.charAt(slash - 1)) || slash == text.indexOf('/'))) {
          String before = text.substring(Math.max(0, text.lastIndexOf(' ', i) + 1), i);
          if (before.startsWith("/")) {
            return i; // /etc/pa[s]swd
          }
        }
      }
    }
    return -1;
  }

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
    if (scan.mayHold(CharClasses.SLASH) && value.indexOf("/dev/") >= 0 || scan.mayHold(CharClasses.LPAREN) && value.indexOf("()") >= 0) {
      return true;
    }
    if (value.charAt(0) == '/') {
      // a path to a binary at the start: /bin/sh, /usr/bin/id, /tmp/x; or a glob: /etc/pa[s]swd
      return value.startsWith("/bin/") || value.startsWith("/usr/") || value.startsWith("/sbin/") || value.startsWith("/tmp/") || value.startsWith("/opt/") || value.indexOf('[') > 0;
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
    return scan.mayHoldAll(CharClasses.LBRACKET | CharClasses.SLASH) && value.indexOf('[') >= 0 && value.indexOf('/') >= 0 || Ascii.regionIs(value, 0, "if ") || Ascii.regionIs(value, 0, "if/") || Ascii.regionIs(value, 0, "for ");
  }

  private static Finding judge(String value, String text, boolean header) {
    List<ShellToken> tokens = ShellLexer.tokenize(text, MAX_TOKENS);
    for (int i = 0; i < tokens.size(); i++) {
      ShellToken t = tokens.get(i);
      if (t.type() != ShellToken.Type.WORD) {
        continue;
      }
      ShellToken.Type before = i == 0 ? null : tokens.get(i - 1).type();
      boolean afterWrapper = i > 0 && before == ShellToken.Type.WORD && WRAPPERS.find(tokens.get(i - 1).word()) != null && (i == 1 || tokens.get(i - 2).type() != ShellToken.Type.WORD);
      boolean afterMeta = afterWrapper || before == ShellToken.Type.SEPARATOR || before == ShellToken.Type.CONTROL || before == ShellToken.Type.SUBSTITUTION_START || before == ShellToken.Type.BACKTICK || before == ShellToken.Type.IFS && i >= 2 || before == ShellToken.Type.LEFT_PAREN && i >= 2 && tokens.get(i - 2).type() != ShellToken.Type.WORD;
      boolean atStart = i == 0 || before == ShellToken.Type.LEFT_PAREN && i == 1;
      if (!afterMeta && !atStart) {
        continue;
      }
      String word = t.word();
      String command = CommandNames.commandName(word);
      boolean isBinaryPath = CommandNames.isBinaryPath(word);
      ShellToken next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      if (command != null && word.startsWith("{") && !header) {
        return finding("cmdi.brace-expansion", value, text, t.start());
      }
      if ((afterMeta || atStart) && !header && braceExpandsToCommand(word)) {
        return finding("cmdi.brace-expansion", value, text, t.start());
      }
      if ((afterMeta || atStart) && isShellVariable(text, t)) {
        return finding("cmdi.command", value, text, t.start()); // $SHELL -c ..., ${BASH}
      }
      if (atStart && command != null && t.obfuscated() && !header) {
        return finding("cmdi.command", value, text, t.start()); // \ls, w'h'oami
      }
      if (i == 1 && afterMeta && command != null && next == null && tokens.get(0).start() == 0 && text.trim().length() == text.length()) {
        return finding("cmdi.command", value, text, 0); // ;env  ;who  &set: a lone command after a leading separator
      }
      if (atStart && !header && command != null && sensitiveArgument(tokens, i)) {
        return finding("cmdi.command", value, text, t.start()); // cat /etc/passwd, ls -l /etc/shadow
      }
      if (afterMeta && !header && next != null && next.type() == ShellToken.Type.LEFT_PAREN && CODE_EXEC.find(word) != null) {
        return finding("cmdi.code-exec", value, text, t.start()); // ;system('id')  |passthru(...)
      }
      if (command == null && !isBinaryPath) {
        continue;
      }
      boolean commandArgument = next != null && looksLikeArgument(next, text);
      boolean metaAfter = next != null && next.type() != ShellToken.Type.WORD && next.type() != ShellToken.Type.LEFT_PAREN;
      boolean substitution = before == ShellToken.Type.SUBSTITUTION_START || before == ShellToken.Type.BACKTICK;
      boolean everyday = command != null && EVERYDAY.find(command) != null;
      if (afterMeta && !header) {
        boolean flag;
        if (isBinaryPath || t.obfuscated() || commandArgument) {
          flag = true;
        } else if (!CommandNames.isLowerOrWindows(word, command)) {
          flag = false;
        } else if (!everyday) {
          flag = true; // whoami, wget, nc, bash, ls, pwd after a separator
        } else {
          // "id;" "|id|" ";ls" — but "; cat lovers", "Tom & Jerry", "; more" are prose
          ShellToken separator = tokens.get(i - 1);
          boolean strongSeparator = separator.type() != ShellToken.Type.SEPARATOR && separator.type() != ShellToken.Type.CONTROL
              || separator.end() - separator.start() == 2 || text.charAt(separator.start()) == '|' || text.charAt(separator.start()) == '\n';
          flag = (next == null || metaAfter) && (strongSeparator || command.length() <= 2 && "id".equals(command) || substitution);
        }
        if (flag) {
          return finding(substitution ? "cmdi.substitution" : "cmdi.command", value, text, tokens.get(i - 1).start());
        }
      } else if (afterMeta) {
        // headers: only unmistakable commands right after a separator
        if ((isBinaryPath || !everyday) && (commandArgument || next == null || metaAfter) && CommandNames.isLowerOrWindows(word, command == null ? word : command)) {
          return finding("cmdi.command", value, text, tokens.get(i - 1).start());
        }
      } else if (atStart && !header) {
        // at the start of the value: a system binary by path, or a command followed by shell syntax
        if (isBinaryPath && (next == null || metaAfter || commandArgument || CommandNames.isWindowsShell(word))) {
          return finding("cmdi.command", value, text, t.start());
        }
        boolean separatorAfter = next != null && (next.type() == ShellToken.Type.SEPARATOR || next.type() == ShellToken.Type.CONTROL);
        if (command != null && (!everyday || "id".equals(command)) && separatorAfter && CommandNames.isLowerOrWindows(word, command)) {
          return finding("cmdi.command", value, text, t.start());
        }
        // "sh -c whoami", "busybox -c ...", "ansible-inventory --list": a tool no prose starts with, run with an option or a path
        boolean exe = word.regionMatches(true, Math.max(0, word.length() - 4), ".exe", 0, 4);
        if (command != null && (!everyday || exe) && (DEV_TOOLS.find(command) == null || exe) && commandArgument && next.type() == ShellToken.Type.WORD && CommandNames.isLowerOrWindows(word, command)) {
          return finding("cmdi.command", value, text, t.start());
        }
        if (CommandNames.unmistakable(command) && CommandNames.isLowerOrWindows(word, command) && next != null && toolArguments(tokens, i, text)) {
          return finding("cmdi.command", value, text, t.start()); // ansible all -m ping, chef-run all recipe.rb
        }
        if (command != null && CommandNames.scrambledCase(word) && (next == null || commandArgument)) {
          return finding("cmdi.command", value, text, t.start()); // 'ZsTdcaT /var/log/x.zst
        }
        if ("alias".equals(command) && definesAlias(tokens, i + 1)) {
          return finding("cmdi.command", value, text, t.start()); // alias ls=id, alias -p x=id, alias +m a=b
        }
      }
    }
    return null;
  }

  /** Within the next three words after {@code alias} (options such as {@code -p} or {@code +m} first): a {@code name=command} definition. */
  private static boolean definesAlias(List<ShellToken> tokens, int from) {
    for (int k = from; k < tokens.size() && k < from + 3; k++) {
      ShellToken w = tokens.get(k);
      if (w.type() != ShellToken.Type.WORD) {
        return false;
      }
      int eq = w.word().indexOf('=');
      if (eq > 0) {
        return true;
      }
      char c = w.word().isEmpty() ? ' ' : w.word().charAt(0);
      if (c != '-' && c != '+') {
        return false;
      }
    }
    return false;
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
  private static boolean braceExpandsToCommand(String word) {
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

  private static boolean isShellVariable(String text, ShellToken t) {
    String raw = text.substring(t.start(), Math.min(t.end(), t.start() + 10));
    return raw.equals("$SHELL") || raw.equals("${SHELL}") || raw.equals("$BASH") || raw.equals("${BASH}") || raw.equals("$0");
  }

  /** Whether one of the next few words is a path to a sensitive file: {@code cat /etc/passwd}. */
  private static boolean sensitiveArgument(List<ShellToken> tokens, int i) {
    for (int k = i + 1; k < tokens.size() && k <= i + 4; k++) {
      ShellToken a = tokens.get(k);
      if (a.type() == ShellToken.Type.WORD && a.word().indexOf('/') >= 0 && io.bulwark.policy.detect.path.PathTraversal.sensitiveFile(io.bulwark.policy.detect.path.PathTraversal.normalize(a.word())) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether one of the first three arguments after {@code tokens[i]} is an option, a path or a
   * script or configuration file: {@code ansible all -m ping}, {@code ansible-playbook site.yml}.
   */
  private static boolean toolArguments(List<ShellToken> tokens, int i, String text) {
    for (int k = i + 1; k < tokens.size() && k <= i + 3; k++) {
      ShellToken a = tokens.get(k);
      if (a.type() != ShellToken.Type.WORD) {
        return false;
      }
      if (looksLikeArgument(a, text) || CommandNames.scriptFile(a.word())) {
        return true;
      }
    }
    return false;
  }

  /** An argument a command takes and prose does not: an option, a path, a drive, an address, a redirect. */
  private static boolean looksLikeArgument(ShellToken next, String text) {
    if (next.type() == ShellToken.Type.REDIRECT || next.type() == ShellToken.Type.IFS) {
      return true;
    }
    if (next.type() != ShellToken.Type.WORD) {
      return false;
    }
    String w = next.word();
    if (w.isEmpty()) {
      return false;
    }
    char c = w.charAt(0);
    if (c == '-' && w.length() > 1 || c == '/' && w.length() > 1 || c == '~' || c == '.' && w.length() > 1 && (w.charAt(1) == '/' || w.charAt(1) == '.') || c == '$' || c == '%') {
      return true;
    }
    if (w.length() >= 2 && w.charAt(1) == ':' && Character.isLetter(c)) {
      return true; // c:\ or c:/
    }
    if (w.indexOf('/') > 0 && (w.startsWith("http") || w.indexOf('.') > 0)) {
      return true; // a URL or path: wget example.com/x.sh
    }
    int dots = 0;
    for (int k = 0; k < w.length(); k++) {
      if (w.charAt(k) == '.') {
        dots++;
      } else if (!Character.isDigit(w.charAt(k))) {
        dots = -100;
      }
    }
    return dots == 3; // an IPv4 address: ping 127.0.0.1
  }

  private static Finding finding(String reason, String original, String text, int at) {
    return new Finding(Category.COMMAND_INJECTION, reason, Evidence.of(original, text, Math.max(0, at), Math.min(text.length(), at + 80)));
  }
}
