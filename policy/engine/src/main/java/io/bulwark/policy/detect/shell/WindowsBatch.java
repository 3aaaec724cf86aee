package io.bulwark.policy.detect.shell;

import io.bulwark.policy.detect.text.Ascii;

/**
 * The {@code cmd.exe} loop and condition statements, which run the command at their end: {@code FOR
 * [/D /R /L /F ["options"]] %x IN (set) DO command} and {@code IF [/I] [NOT] EXIST|ERRORLEVEL|DEFINED
 * ... command}. Prose ("for each item in the list do ...") has no {@code %x} loop variable and no
 * {@code EXIST} after {@code if}.
 */
final class WindowsBatch {

  private static final String[] COMPARISONS = {"equ", "neq", "lss", "leq", "gtr", "geq"};

  private WindowsBatch() {}

  /** The start of a FOR loop or IF condition of cmd.exe in {@code text}, or -1. */
  static int loopOrCondition(String text) {
    int n = text.length();
    for (int i = 0; i + 2 < n; i++) {
      if (i > 0 && Ascii.isWordChar(text.charAt(i - 1))) {
        continue;
      }
      if (Ascii.regionIs(text, i, "for") && i + 3 < n && text.charAt(i + 3) == ' ' && isForLoop(text, i + 3)) {
        return i;
      }
      if (Ascii.regionIs(text, i, "if") && i + 2 < n && (text.charAt(i + 2) == ' ' || text.charAt(i + 2) == '/')
          && isCondition(text, i + 2)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code [/x ...] ["options"] %var IN (...) DO} after "for". */
  private static boolean isForLoop(String text, int k) {
    int n = text.length();
    int end = Math.min(n, k + 200);
    int variable = -1;
    for (int j = k; j < end; j++) {
      if (text.charAt(j) == '%' && j + 1 < n
          && (Character.isLetter(text.charAt(j + 1)) || text.charAt(j + 1) == '%' || text.charAt(j + 1) == '@')) {
        variable = j;
        break;
      }
    }
    if (variable < 0) {
      return false;
    }
    int in = Ascii.indexOf(text, " in ", variable);
    if (in < 0 || in > variable + 24) {
      int inParen = Ascii.indexOf(text, " in(", variable);
      if (inParen < 0 || inParen > variable + 24) {
        return false;
      }
      in = inParen;
    }
    int close = text.indexOf(')', in);
    if (close < 0 || close > in + 300) {
      return false;
    }
    int j = close + 1;
    while (j < n && text.charAt(j) == ' ') {
      j++;
    }
    return Ascii.regionIs(text, j, "do") && (j + 2 >= n || !Ascii.isWordChar(text.charAt(j + 2)));
  }

  /** {@code [/I] [NOT] EXIST x | ERRORLEVEL n | DEFINED v | %x% op y} after "if", then a command. */
  private static boolean isCondition(String text, int k) {
    int n = text.length();
    int j = k;
    while (j < n && text.charAt(j) == ' ') {
      j++;
    }
    if (Ascii.regionIs(text, j, "/i ")) {
      j += 3;
    }
    while (j < n && text.charAt(j) == ' ') {
      j++;
    }
    if (Ascii.regionIs(text, j, "not ")) {
      j += 4;
      while (j < n && text.charAt(j) == ' ') {
        j++;
      }
    }
    if (j >= n) {
      return false;
    }
    // a comparison in the next words: a==b, "x" == "y", [%1]==[], (2 GEQ 15), %v% EQU 1
    int window = Math.min(n, j + 60);
    for (int m = j; m < window; m++) {
      if (text.charAt(m) == '=' && m + 1 < n && text.charAt(m + 1) == '=') {
        return true;
      }
      if (text.charAt(m) == ' ' || text.charAt(m) == '(' || text.charAt(m) == '"' || text.charAt(m) == ']'
          || text.charAt(m) == ')') {
        int w = m + 1;
        while (w < window && text.charAt(w) == ' ') {
          w++;
        }
        for (String op : COMPARISONS) {
          if (Ascii.regionIs(text, w, op)
              && (w + 3 >= n || text.charAt(w + 3) == ' ' || text.charAt(w + 3) == '(' || text.charAt(w + 3) == '"')) {
            return true;
          }
        }
      }
    }
    return Ascii.regionIs(text, j, "exist ") || Ascii.regionIs(text, j, "errorlevel ")
        || Ascii.regionIs(text, j, "defined ") || Ascii.regionIs(text, j, "cmdextversion ")
        || text.charAt(j) == '%' && text.indexOf('%', j + 1) > j + 1 && text.indexOf('%', j + 1) < j + 32
        || text.charAt(j) == '"' && text.indexOf("\"==", j) > 0 && text.indexOf("\"==", j) < j + 64;
  }
}
