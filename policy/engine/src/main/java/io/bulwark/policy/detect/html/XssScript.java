package io.bulwark.policy.detect.html;

import static io.bulwark.policy.detect.html.XssWords.DOM_SINKS;
import static io.bulwark.policy.detect.html.XssWords.SCRIPT_SCHEMES;

import io.bulwark.policy.detect.text.Ascii;

/**
 * Where script hides in markup and in values, for {@link XssDetector}: {@code on*=} handlers,
 * script URIs (with the controls browsers strip inside a scheme), CSS that runs script, DOM sinks,
 * and script with its comments and whitespace taken out.
 */
final class XssScript {

  private XssScript() {}

  /** The index of an {@code on*=} attribute in {@code text[from, to)}, or -1. */
  static int eventHandler(String text, int from, int to) {
    for (int k = from; k + 2 < to; k++) {
      char prev = text.charAt(k - 1 < 0 ? 0 : k - 1);
      boolean boundary = Ascii.isSpace(prev) || prev == '/' || prev == '"' || prev == '\'' || prev == '`' || prev == ';'
          || prev == '\0' || k == from;
      if (!boundary || lower(text.charAt(k)) != 'o' || lower(text.charAt(k + 1)) != 'n') {
        continue;
      }
      int j = k + 2;
      int nameStart = j;
      while (j < to && (isLetter(text.charAt(j)) || text.charAt(j) == '-' || text.charAt(j) == '_')) {
        j++;
      }
      if (j - nameStart < 3) {
        continue;
      }
      while (j < to && (Ascii.isSpace(text.charAt(j)) || text.charAt(j) == '\0')) {
        j++;
      }
      if (j < to && text.charAt(j) == '=') {
        return k;
      }
    }
    return -1;
  }

  /**
   * The index of a script URI in {@code text[from, to)}, ignoring the whitespace browsers strip inside
   * a scheme; or -1.
   */
  static int scriptUri(String text, int from, int to) {
    for (int k = Math.max(0, from); k < to; k++) {
      char c = lower(text.charAt(k));
      if (c != 'j' && c != 'v' && c != 'l' && c != 'm' && c != 'd') {
        continue;
      }
      if (k > 0 && Ascii.isWordChar(text.charAt(k - 1))) {
        continue;
      }
      for (String scheme : SCRIPT_SCHEMES) {
        if (scheme.charAt(0) == c && matchesLoosely(text, k, to, scheme)) {
          return k;
        }
      }
    }
    return -1;
  }

  /** Whether {@code scheme} is at {@code k}, allowing tabs, newlines and other controls between its letters. */
  private static boolean matchesLoosely(String text, int k, int to, String scheme) {
    int m = 0;
    int j = k;
    while (j < to && m < scheme.length()) {
      char c = text.charAt(j);
      if ((c == '\t' || c == '\n' || c == '\r' || c == '\0') && m > 0) {
        j++;
        continue;
      }
      if (lower(c) != scheme.charAt(m)) {
        return false;
      }
      m++;
      j++;
    }
    return m == scheme.length();
  }

  /**
   * The index of CSS that runs script or loads code in {@code text[from, to)} ({@code expression(},
   * {@code -moz-binding}, {@code behavior:}, {@code @import}), or -1.
   */
  static int cssExpression(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = lower(text.charAt(k));
      if (c == 'e' && Ascii.regionIs(text, k, "expression") && followedByParen(text, k + 10, to)) {
        return k;
      }
      if (c == '-' && Ascii.regionIs(text, k, "-moz-binding")) {
        return k;
      }
      if (c == 'b' && Ascii.regionIs(text, k, "behavior:")) {
        return k;
      }
      if (c == '@' && Ascii.regionIs(text, k, "@import")) {
        return k;
      }
    }
    return -1;
  }

  private static boolean followedByParen(String text, int k, int to) {
    while (k < to && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    return k < to && text.charAt(k) == '(';
  }

  /**
   * The text without JS comments and whitespace, lower case: {@code document /*x*}{@code / . cookie}
   * reads {@code document.cookie}.
   */
  static String compactScript(String text) {
    StringBuilder b = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 1;
        continue;
      }
      if (c <= ' ') {
        continue;
      }
      b.append(lower(c));
    }
    return b.toString();
  }

  /** The index of a DOM sink property ({@code document.cookie}, {@code window.location}, ...), or -1. */
  static int domSink(String text) {
    if (text.indexOf('.') < 0) {
      return -1; // every sink is a property access
    }
    // ten of the sinks are document.*: one search tells whether any of them can be there
    boolean document = Ascii.indexOf(text, "document.", 0) >= 0;
    for (String sink : DOM_SINKS) {
      if (!document && sink.startsWith("document.")) {
        continue;
      }
      int at = Ascii.indexOf(text, sink, 0);
      if (at >= 0 && (at == 0 || !Ascii.isWordChar(text.charAt(at - 1)))) {
        return at;
      }
    }
    return -1;
  }

  /** Whether a control character sits inside the scheme that starts at {@code uri}: {@code java\tscript:}. */
  static boolean hasControlInScheme(String text, int uri) {
    for (int k = uri; k < text.length() && k < uri + 20 && text.charAt(k) != ':'; k++) {
      if (text.charAt(k) < ' ') {
        return true;
      }
    }
    return false;
  }

  /** Whether code follows the colon of the scheme at {@code uri}, rather than prose. */
  static boolean hasCodeAfterScheme(String text, int uri) {
    int colon = text.indexOf(':', uri);
    if (colon < 0 || colon + 1 >= text.length()) {
      return false;
    }
    char c = text.charAt(colon + 1);
    if (c != ' ' || Ascii.regionIs(text, uri, "data:")) {
      return true;
    }
    // "javascript: \\x61lert(1)" (an escape), "javascript: (alert)(1)", "javascript: alert(1)"; not "JavaScript:
    // The Good Parts", "JavaScript: (Almost) Everything", "JavaScript: 'this' explained"
    int k = colon + 1;
    while (k < text.length() && k - colon < 16 && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    if (k >= text.length()) {
      return false;
    }
    char d = text.charAt(k);
    if (d == '\\' || d == '[' || d == '{' || d == '`'
        || d == '(' && (k + 1 >= text.length() || !(text.charAt(k + 1) >= 'A' && text.charAt(k + 1) <= 'Z'))) {
      return true;
    }
    int j = k;
    while (j < text.length() && j - k < 40 && (Ascii.isWordChar(text.charAt(j)) || text.charAt(j) == '$')) {
      j++;
    }
    return j > k && j < text.length() && text.charAt(j) == '(';
  }

  /** ASCII lower case: the letters of tag, attribute and scheme names. */
  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** An ASCII letter: what starts a tag name and makes up a handler's. */
  static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
