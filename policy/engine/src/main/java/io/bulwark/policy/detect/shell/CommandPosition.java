package io.bulwark.policy.detect.shell;

import static io.bulwark.policy.detect.shell.CommandInjectionDetector.finding;
import static io.bulwark.policy.detect.shell.CommandWords.CODE_EXEC;
import static io.bulwark.policy.detect.shell.CommandWords.DEV_TOOLS;
import static io.bulwark.policy.detect.shell.CommandWords.EVERYDAY;
import static io.bulwark.policy.detect.shell.CommandWords.WRAPPERS;

import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.path.PathTraversal;
import java.util.List;

/**
 * The lexed value judged word by word, for {@link CommandInjectionDetector}: a command word in
 * command position (after a separator, in a substitution, after a wrapper, at the start) with the
 * evidence its word needs: an argument shaped like a command's, shell syntax after it, an
 * obfuscation, a path to a system binary. Common words that are also commands need more than
 * words nobody types in prose.
 */
final class CommandPosition {

  /** Tokens judged per reading: a value with more is judged on its first ones. */
  static final int MAX_TOKENS = 10_000;

  private CommandPosition() {}

  /** The finding for the first word in command position that is a command with its evidence, or null. */
  static Finding judge(String value, String text, boolean header) {
    List<ShellToken> tokens = ShellLexer.tokenize(text, MAX_TOKENS);
    for (int i = 0; i < tokens.size(); i++) {
      ShellToken t = tokens.get(i);
      if (t.type() != ShellToken.Type.WORD) {
        continue;
      }
      ShellToken.Type before = i == 0 ? null : tokens.get(i - 1).type();
      boolean afterWrapper = i > 0 && before == ShellToken.Type.WORD && WRAPPERS.find(tokens.get(i - 1).word()) != null
          && (i == 1 || tokens.get(i - 2).type() != ShellToken.Type.WORD);
      boolean afterMeta = afterWrapper || before == ShellToken.Type.SEPARATOR || before == ShellToken.Type.CONTROL
          || before == ShellToken.Type.SUBSTITUTION_START || before == ShellToken.Type.BACKTICK
          || before == ShellToken.Type.IFS && i >= 2
          || before == ShellToken.Type.LEFT_PAREN && i >= 2 && tokens.get(i - 2).type() != ShellToken.Type.WORD;
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
      if ((afterMeta || atStart) && !header && BashExpansions.braceExpandsToCommand(word)) {
        return finding("cmdi.brace-expansion", value, text, t.start());
      }
      if ((afterMeta || atStart) && isShellVariable(text, t)) {
        return finding("cmdi.command", value, text, t.start()); // $SHELL -c ..., ${BASH}
      }
      if (atStart && command != null && t.obfuscated() && !header) {
        return finding("cmdi.command", value, text, t.start()); // \ls, w'h'oami
      }
      if (i == 1 && afterMeta && command != null && next == null && tokens.get(0).start() == 0
          && text.trim().length() == text.length()) {
        return finding("cmdi.command", value, text, 0); // ;env  ;who  &set: a lone command after a leading separator
      }
      if (atStart && !header && command != null && sensitiveArgument(tokens, i)) {
        return finding("cmdi.command", value, text, t.start()); // cat /etc/passwd, ls -l /etc/shadow
      }
      if (afterMeta && !header && next != null && next.type() == ShellToken.Type.LEFT_PAREN
          && CODE_EXEC.find(word) != null) {
        return finding("cmdi.code-exec", value, text, t.start()); // ;system('id')  |passthru(...)
      }
      if (command == null && !isBinaryPath) {
        continue;
      }
      boolean commandArgument = next != null && looksLikeArgument(next, text);
      boolean metaAfter =
          next != null && next.type() != ShellToken.Type.WORD && next.type() != ShellToken.Type.LEFT_PAREN;
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
          boolean strongSeparator = separator.type() != ShellToken.Type.SEPARATOR
              && separator.type() != ShellToken.Type.CONTROL
              || separator.end() - separator.start() == 2 || text.charAt(separator.start()) == '|'
              || text.charAt(separator.start()) == '\n';
          flag = (next == null || metaAfter)
              && (strongSeparator || command.length() <= 2 && "id".equals(command) || substitution);
        }
        if (flag) {
          return finding(substitution ? "cmdi.substitution" : "cmdi.command", value, text, tokens.get(i - 1).start());
        }
      } else if (afterMeta) {
        // headers: only unmistakable commands right after a separator
        if ((isBinaryPath || !everyday) && (commandArgument || next == null || metaAfter)
            && CommandNames.isLowerOrWindows(word, command == null ? word : command)) {
          return finding("cmdi.command", value, text, tokens.get(i - 1).start());
        }
      } else if (atStart && !header) {
        // at the start of the value: a system binary by path, or a command followed by shell syntax
        if (isBinaryPath && (next == null || metaAfter || commandArgument || CommandNames.isWindowsShell(word))) {
          return finding("cmdi.command", value, text, t.start());
        }
        boolean separatorAfter =
            next != null && (next.type() == ShellToken.Type.SEPARATOR || next.type() == ShellToken.Type.CONTROL);
        if (command != null && (!everyday || "id".equals(command)) && separatorAfter
            && CommandNames.isLowerOrWindows(word, command)) {
          return finding("cmdi.command", value, text, t.start());
        }
        // "sh -c whoami", "busybox -c ...", "ansible-inventory --list": a tool no prose starts with,
        // run with an option or a path
        boolean exe = word.regionMatches(true, Math.max(0, word.length() - 4), ".exe", 0, 4);
        if (command != null && (!everyday || exe) && (DEV_TOOLS.find(command) == null || exe) && commandArgument
            && next.type() == ShellToken.Type.WORD && CommandNames.isLowerOrWindows(word, command)) {
          return finding("cmdi.command", value, text, t.start());
        }
        if (CommandNames.unmistakable(command) && CommandNames.isLowerOrWindows(word, command) && next != null
            && toolArguments(tokens, i, text)) {
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

  /**
   * Within the next three words after {@code alias} (options such as {@code -p} or {@code +m} first): a
   * {@code name=command} definition.
   */
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

  private static boolean isShellVariable(String text, ShellToken t) {
    String raw = text.substring(t.start(), Math.min(t.end(), t.start() + 10));
    return raw.equals("$SHELL") || raw.equals("${SHELL}") || raw.equals("$BASH") || raw.equals("${BASH}")
        || raw.equals("$0");
  }

  /** Whether one of the next few words is a path to a sensitive file: {@code cat /etc/passwd}. */
  private static boolean sensitiveArgument(List<ShellToken> tokens, int i) {
    for (int k = i + 1; k < tokens.size() && k <= i + 4; k++) {
      ShellToken a = tokens.get(k);
      if (a.type() == ShellToken.Type.WORD && a.word().indexOf('/') >= 0
          && PathTraversal.sensitiveFile(PathTraversal.normalize(a.word())) != null) {
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
    if (c == '-' && w.length() > 1 || c == '/' && w.length() > 1 || c == '~'
        || c == '.' && w.length() > 1 && (w.charAt(1) == '/' || w.charAt(1) == '.') || c == '$' || c == '%') {
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
}
