package io.bulwark.policy.detect.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A tolerant, linear-time tokenizer for POSIX shell and {@code cmd.exe} text: words (with quotes,
 * backslash and caret escapes resolved), command separators and control operators, command
 * substitutions, redirections and {@code $IFS} field separators. It never fails; unclosed quotes
 * run to the end. Entry-point detectors lex input values; sink checks lex the command line an
 * application built.
 */
public final class ShellLexer {

  /** Which shell's quoting rules the text is read with. */
  public enum Syntax {
    /**
     * POSIX shell and {@code cmd.exe} spellings at once, as an entry-point detector reads an input
     * that may land in either: the caret escapes too, and a no-break space separates words.
     */
    ANY,
    /** A POSIX shell ({@code sh -c}, bash, dash, ...): only the backslash escapes, only ASCII blanks separate. */
    POSIX
  }

  /** Quoting contexts {@link #tokenize(CharSequence, int, Syntax, byte[])} reports per character. */
  public static final byte UNQUOTED = 0;
  public static final byte SINGLE_QUOTED = 1;
  public static final byte DOUBLE_QUOTED = 2;
  /** The character after an escaping backslash (or caret): taken literally. */
  public static final byte ESCAPED = 3;

  private ShellLexer() {}

  /** The first {@code maxTokens} tokens of {@code text}, read with {@link Syntax#ANY}. */
  public static List<ShellToken> tokenize(CharSequence text, int maxTokens) {
    return tokenize(text, maxTokens, Syntax.ANY, null);
  }

  /**
   * The first {@code maxTokens} tokens of {@code text}, read with {@code syntax}; when {@code
   * contexts} is given (at least as long as the text), it receives the quoting each character is
   * read in: {@link #SINGLE_QUOTED} or {@link #DOUBLE_QUOTED} inside quotes, {@link #ESCAPED} after
   * an escape, {@link #UNQUOTED} otherwise (the quotes and escape characters themselves included).
   * A sink check uses them to see whether an input's characters reach the shell as syntax.
   */
  public static List<ShellToken> tokenize(CharSequence text, int maxTokens, Syntax syntax, byte[] contexts) {
    List<ShellToken> tokens = new ArrayList<>();
    int n = text.length();
    if (contexts != null) {
      java.util.Arrays.fill(contexts, 0, n, UNQUOTED);
    }
    boolean any = syntax == Syntax.ANY;
    int i = 0;
    StringBuilder word = new StringBuilder();
    while (i < n && tokens.size() < maxTokens) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\u00a0' && any) {
        i++;
        continue;
      }
      int start = i;
      switch (c) {
        case '\n':
        case '\r':
        case ';':
          tokens.add(new ShellToken(ShellToken.Type.SEPARATOR, i, i + 1, null, false));
          i++;
          continue;
        case '|':
        case '&':
          if (c == '&' && i + 1 < n && text.charAt(i + 1) == '>') {
            tokens.add(new ShellToken(ShellToken.Type.REDIRECT, i, i + 2, null, false));
            i += 2;
            continue;
          }
          int len = i + 1 < n && text.charAt(i + 1) == c ? 2 : 1;
          tokens.add(new ShellToken(ShellToken.Type.CONTROL, i, i + len, null, false));
          i += len;
          continue;
        case '`':
          tokens.add(new ShellToken(ShellToken.Type.BACKTICK, i, i + 1, null, false));
          i++;
          continue;
        case '(':
          tokens.add(new ShellToken(ShellToken.Type.LEFT_PAREN, i, i + 1, null, false));
          i++;
          continue;
        case ')':
          tokens.add(new ShellToken(ShellToken.Type.RIGHT_PAREN, i, i + 1, null, false));
          i++;
          continue;
        case '<':
        case '>':
          int r = i + 1;
          while (r < n && r - i < 3 && (text.charAt(r) == '>' || text.charAt(r) == '<' || text.charAt(r) == '&')) {
            r++;
          }
          tokens.add(new ShellToken(ShellToken.Type.REDIRECT, i, r, null, false));
          i = r;
          continue;
        case '$':
          if (i + 1 < n && text.charAt(i + 1) == '(') {
            int e = i + 2 < n && text.charAt(i + 2) == '(' ? i + 3 : i + 2;
            tokens.add(new ShellToken(ShellToken.Type.SUBSTITUTION_START, i, e, null, false));
            i = e;
            continue;
          }
          int ifs = ifsLength(text, i);
          if (ifs > 0) {
            tokens.add(new ShellToken(ShellToken.Type.IFS, i, i + ifs, null, false));
            i += ifs;
            continue;
          }
          break;
        default:
          break;
      }
      // a word: up to whitespace or a metacharacter outside quotes
      word.setLength(0);
      boolean obfuscated = false;
      int quotedParts = 0;
      boolean plainPart = false;
      while (i < n) {
        c = text.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&' || c == '`' || c == '('
            || c == ')' || c == '<' || c == '>' || c == '\u000b' || c == '\f' || c == '\u00a0' && any) {
          break;
        }
        if (c == '\'' || c == '"') {
          int close = i + 1;
          byte inside = c == '"' ? DOUBLE_QUOTED : SINGLE_QUOTED;
          while (close < n && text.charAt(close) != c) {
            mark(contexts, n, close, inside);
            if (c == '"' && text.charAt(close) == '\\') {
              close++;
              mark(contexts, n, close, ESCAPED);
            }
            close++;
          }
          int contentEnd = Math.min(close, n);
          for (int k = i + 1; k < contentEnd; k++) {
            word.append(text.charAt(k));
          }
          quotedParts++;
          i = Math.min(close + 1, n);
          continue;
        }
        if (c == '\\' || c == '^' && any) {
          if (i + 1 < n && text.charAt(i + 1) != '\n') {
            word.append(text.charAt(i + 1));
          }
          mark(contexts, n, i + 1, ESCAPED);
          obfuscated = true;
          i = Math.min(i + 2, n); // a trailing backslash escapes nothing: the word ends with the value
          continue;
        }
        if (c == '$') {
          if (ifsLength(text, i) > 0 || i + 1 < n && text.charAt(i + 1) == '(') {
            break;
          }
          int e = expansionLength(text, i);
          if (e > 0) {
            // $@, $1, ${x}, $u: treated as expanding to nothing, which is how payloads use them
            obfuscated = true;
            i += e;
            continue;
          }
        }
        word.append(c);
        plainPart = true;
        i++;
      }
      obfuscated |= quotedParts > 1 || quotedParts == 1 && plainPart;
      if (i > start && word.length() == 0 && obfuscated && quotedParts == 0) {
        continue; // only expansions that read as empty ($u, ${x}): no word, as the shell sees it
      }
      if (i > start) {
        tokens.add(new ShellToken(ShellToken.Type.WORD, start, i, word.toString(), obfuscated));
      } else {
        i++; // a lone '$' that starts nothing
      }
    }
    return tokens;
  }

  private static void mark(byte[] contexts, int n, int at, byte context) {
    if (contexts != null && at < n) {
      contexts[at] = context;
    }
  }

  /** The length of {@code $IFS}, {@code ${IFS}} or {@code $IFS$9} at {@code i}, or 0. */
  static int ifsLength(CharSequence text, int i) {
    int n = text.length();
    int len = 0;
    if (regionIs(text, i, "${IFS}")) {
      len = 6;
    } else if (regionIs(text, i, "$IFS")) {
      len = 4;
    } else {
      return 0;
    }
    if (i + len + 1 < n && text.charAt(i + len) == '$' && Character.isDigit(text.charAt(i + len + 1))) {
      len += 2;
    }
    return len;
  }

  /** The length of a parameter expansion at {@code i} ({@code $x}, {@code ${x}}, {@code $@}, {@code $1}), or 0. */
  private static int expansionLength(CharSequence text, int i) {
    int n = text.length();
    if (i + 1 >= n) {
      return 0;
    }
    char c = text.charAt(i + 1);
    if (c == '{') {
      int k = i + 2;
      while (k < n && k - i < 64 && text.charAt(k) != '}') {
        k++;
      }
      return k < n && text.charAt(k) == '}' ? k - i + 1 : 0;
    }
    if (c == '@' || c == '*' || Character.isDigit(c)) {
      return 2;
    }
    if (c >= 'a' && c <= 'z' || c == '_') {
      int k = i + 1;
      while (k < n && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_') && text.charAt(k) < 0x80) {
        k++;
      }
      return k - i;
    }
    return 0;
  }

  private static boolean regionIs(CharSequence text, int at, String s) {
    if (at + s.length() > text.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (text.charAt(at + k) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
