package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.shell.ShellLexer;
import io.bulwark.policy.detect.shell.ShellToken;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request input changed the command a process is started with. Both {@code Runtime.exec}
 * and {@code ProcessBuilder} end in one argument array: when it runs a shell script ({@code sh -c
 * "..."}), the input must stay inside one word of the script and bring no metacharacter, quote or
 * substitution of the shell; otherwise it must stay inside one argument, and not be the program or
 * an option of its own.
 */
final class CommandCheck {

  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash", "csh", "tcsh",
      "fish", "busybox", "cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe");

  private CommandCheck() {}

  static SinkFinding check(String[] command, List<RequestInputs.Input> inputs) {
    if (command == null || command.length == 0 || inputs.isEmpty()) {
      return null;
    }
    int script = scriptIndex(command);
    if (script > 0) {
      SinkFinding inScript = checkScript(command[script], inputs);
      if (inScript != null) {
        return inScript;
      }
    }
    return checkArguments(command, inputs);
  }

  /** The index of the script a shell runs ({@code sh -c SCRIPT}), or -1. */
  static int scriptIndex(String[] command) {
    String program = command[0];
    int slash = Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\'));
    if (!SHELLS.contains(program.substring(slash + 1).toLowerCase(Locale.ROOT))) {
      return -1;
    }
    for (int i = 1; i + 1 < command.length; i++) {
      String arg = command[i];
      if (arg.equals("-c") || arg.equalsIgnoreCase("/c") || arg.equalsIgnoreCase("-command")
          || (arg.length() > 1 && arg.charAt(0) == '-' && arg.charAt(1) != '-' && arg.indexOf('c') > 0)) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Tokens of a script looked at; a longer script is checked up to there (its rest reads as unquoted). */
  static final int MAX_SCRIPT_TOKENS = 4096;

  private static SinkFinding checkScript(String script, List<RequestInputs.Input> inputs) {
    byte[] quoting = null;
    List<ShellToken> tokens = null;
    for (RequestInputs.Input input : inputs) {
      int at = script.indexOf(input.value);
      for (int seen = 0; at >= 0 && seen < SqlCheck.MAX_OCCURRENCES; seen++) {
        if (quoting == null) {
          // the detectors' shell lexer, with POSIX rules: the tokens and each character's quoting
          quoting = new byte[script.length()];
          tokens = ShellLexer.tokenize(script, MAX_SCRIPT_TOKENS, ShellLexer.Syntax.POSIX, quoting);
        }
        String reason = shellChange(script, tokens, quoting, at, at + input.value.length());
        if (reason != null) {
          return new SinkFinding(Category.COMMAND_INJECTION, reason, input.value, input.location);
        }
        at = script.indexOf(input.value, at + 1);
      }
    }
    return null;
  }

  /**
   * Why the input at {@code [start, end)} of the script changes what the shell runs, or {@code
   * null}: a character of it reaches the shell as syntax (a substitution, a quote, a blank that
   * starts a new argument, a trailing backslash that escapes the application's next character), or
   * it overlaps one of the script's operators (separator, pipe, redirection, parenthesis).
   */
  static String shellChange(String script, List<ShellToken> tokens, byte[] quoting, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = script.charAt(i);
      byte context = quoting[i];
      if (context == ShellLexer.ESCAPED || context == ShellLexer.SINGLE_QUOTED) {
        continue;
      }
      if (c == '$' || c == '`') {
        return "cmdi.substitution"; // unquoted or inside double quotes
      }
      if (context == ShellLexer.DOUBLE_QUOTED) {
        continue;
      }
      if (c == '\'' || c == '"') {
        return "cmdi.quote";
      }
      if (c == '\\' && i + 1 >= end) {
        return "cmdi.quote";
      }
      if (c == ' ' || c == '\t') {
        return "cmdi.new-argument";
      }
    }
    int words = 0;
    for (ShellToken token : tokens) {
      if (token.start() >= end) {
        break;
      }
      if (token.end() > start) {
        if (token.type() != ShellToken.Type.WORD) {
          return "cmdi.metacharacter";
        }
        words++;
      }
    }
    // two words: the input held a blank the shell splits on (a vertical tab, a form feed)
    return words > 1 ? "cmdi.new-argument" : null;
  }

  private static SinkFinding checkArguments(String[] command, List<RequestInputs.Input> inputs) {
    for (RequestInputs.Input input : inputs) {
      String value = input.value;
      for (int i = 0; i < command.length; i++) {
        String arg = command[i];
        if (arg == null) {
          continue;
        }
        if (i == 0 && arg.equals(value)) {
          return new SinkFinding(Category.COMMAND_INJECTION, "cmdi.program", value, input.location);
        }
        if (i > 0 && isOption(value) && arg.startsWith(value)) {
          return new SinkFinding(Category.COMMAND_INJECTION, "cmdi.option", value, input.location);
        }
      }
      if (spansArguments(command, value)) {
        return new SinkFinding(Category.COMMAND_INJECTION, "cmdi.new-argument", value, input.location);
      }
    }
    return null;
  }

  private static boolean isOption(String value) {
    return value.length() > 1 && value.charAt(0) == '-' && !Character.isDigit(value.charAt(1));
  }

  /** Whether {@code value} appears in the arguments joined by spaces, across more than one of them. */
  static boolean spansArguments(String[] command, String value) {
    if (value.indexOf(' ') < 0 && value.indexOf('\t') < 0) {
      return false; // cannot span two arguments joined by a space (Runtime.exec splits on whitespace)
    }
    for (String arg : command) {
      if (arg != null && arg.contains(value)) {
        return false;
      }
    }
    StringBuilder joined = new StringBuilder();
    for (String arg : command) {
      joined.append(arg).append(' ');
    }
    String line = joined.toString();
    return line.contains(value.trim().replaceAll("[ \t]+", " "));
  }
}
