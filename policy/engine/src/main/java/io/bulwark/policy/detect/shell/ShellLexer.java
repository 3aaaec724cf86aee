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

  private ShellLexer() {}

  /** The first {@code maxTokens} tokens of {@code text}. */
  public static List<ShellToken> tokenize(CharSequence text, int maxTokens) {
    List<ShellToken> tokens = new ArrayList<>();
    int n = text.length();
    int i = 0;
    StringBuilder word = new StringBuilder();
    while (i < n && tokens.size() < maxTokens) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\u00a0') {
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
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&' || c == '`' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\u000b' || c == '\f' || c == '\u00a0') {
          break;
        }
        if (c == '\'' || c == '"') {
          int close = i + 1;
          while (close < n && text.charAt(close) != c) {
            if (c == '"' && text.charAt(close) == '\\') {
              close++;
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
        if (c == '\\' || c == '^') {
          if (i + 1 < n && text.charAt(i + 1) != '\n') {
            word.append(text.charAt(i + 1));
          }
          obfuscated = true;
          i += 2;
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
      if (i > start) {
        tokens.add(new ShellToken(ShellToken.Type.WORD, start, i, word.toString(), obfuscated));
      } else {
        i++; // a lone '$' that starts nothing
      }
    }
    return tokens;
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
