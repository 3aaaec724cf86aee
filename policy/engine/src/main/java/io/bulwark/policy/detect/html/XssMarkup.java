package io.bulwark.policy.detect.html;

import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.WordTable;

/**
 * Markup that acts without a script tag or handler, for {@link XssDetector}: server-side include
 * directives ({@code <!--#echo var=...-->}), XML that makes its parser fetch or include from
 * elsewhere (XInclude, a schema on a foreign host, external or parameter entities), IE's {@code
 * <?import implementation=...>}, and elements spelled with the high-bit angle brackets of
 * {@code ¼name¾...¼/name¾}. Each scan is linear and allocates nothing.
 */
final class XssMarkup {

  private static final WordTable SSI_DIRECTIVES =
      new WordTable(
          "exec", "include", "echo", "set", "config", "printenv", "fsize", "flastmod", "if", "elif",
          "else", "endif");

  private XssMarkup() {}

  /** Whether {@code <!--#directive} (a server-side include the web server runs) starts at {@code lt}. */
  static boolean serverSideInclude(String text, int lt) {
    if (!text.startsWith("<!--#", lt)) {
      return false;
    }
    int k = lt + 5;
    int end = k;
    while (end < text.length() && end - k < 10
        && (text.charAt(end) >= 'a' && text.charAt(end) <= 'z' || text.charAt(end) >= 'A' && text.charAt(end) <= 'Z')) {
      end++;
    }
    return SSI_DIRECTIVES.contains(text, k, end)
        && (end >= text.length() || text.charAt(end) <= ' ' || text.charAt(end) == '-');
  }

  /**
   * Where an entity declaration that reads from outside starts ({@code <!ENTITY % p SYSTEM "...">},
   * {@code !ENTITY x SYSTEM}), or -1. Internal entities ({@code <!ENTITY copy "&#169;">}) pass.
   */
  static int externalEntity(String text) {
    for (int at = Ascii.indexOf(text, "!entity", 0); at >= 0; at = Ascii.indexOf(text, "!entity", at + 7)) {
      int k = at + 7;
      if (k >= text.length() || !Ascii.isSpace(text.charAt(k))) {
        continue;
      }
      int end = text.indexOf('>', k);
      end = end < 0 ? Math.min(text.length(), k + 200) : end;
      for (int j = k; j < end; j++) {
        char c = text.charAt(j);
        if (c == '%' || (c == 's' || c == 'S') && Ascii.regionIs(text, j, "system")
            || (c == 'p' || c == 'P') && Ascii.regionIs(text, j, "public")) {
          return at;
        }
      }
      at = Math.max(at, end - 7);
    }
    return -1;
  }

  /**
   * Where, in the attributes {@code text[from, to)} of one tag, the XInclude namespace is declared
   * or a schema is placed on another host than the namespace it describes ({@code
   * xsi:schemaLocation="http://a.b/ http://collector.example/x.xsd"}), or -1. A Maven or Spring
   * root element names its schema on its own host and passes.
   */
  static int externalReference(String text, int from, int to) {
    int xi = indexIn(text, "w3.org/2001/xinclude", from, to);
    if (xi >= 0) {
      return xi;
    }
    int at = indexIn(text, "schemalocation", from, to);
    if (at < 0) {
      return -1;
    }
    int k = at + 14;
    while (k < to && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    if (k >= to || text.charAt(k) != '=') {
      return -1;
    }
    k++;
    while (k < to && (Ascii.isSpace(text.charAt(k)) || text.charAt(k) == '"' || text.charAt(k) == '\'')) {
      k++;
    }
    // pairs of "namespace location": each location's host must be its namespace's
    while (k < to) {
      int nsStart = k;
      int nsEnd = wordEnd(text, nsStart, to);
      int locStart = nsEnd;
      while (locStart < to && Ascii.isSpace(text.charAt(locStart))) {
        locStart++;
      }
      if (locStart >= to || text.charAt(locStart) == '"' || text.charAt(locStart) == '\'') {
        return -1;
      }
      int locEnd = wordEnd(text, locStart, to);
      if (isRemote(text, locStart) && !sameHost(text, nsStart, locStart)) {
        return at;
      }
      k = locEnd;
      while (k < to && Ascii.isSpace(text.charAt(k))) {
        k++;
      }
      if (k < to && (text.charAt(k) == '"' || text.charAt(k) == '\'')) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * {@code <import implementation=...>} and {@code <?import ...implementation=}: IE loading a behaviour
   * (an HTC file).
   */
  static boolean importImplementation(String text, int nameStart, int limit) {
    if (!Ascii.regionIs(text, nameStart, "import")) {
      return false;
    }
    int end = Math.min(limit, nameStart + 200);
    int at = indexIn(text, "implementation", nameStart + 6, end);
    if (at < 0) {
      return false;
    }
    int k = at + 14;
    while (k < end && Ascii.isSpace(text.charAt(k))) {
      k++;
    }
    return k < end && text.charAt(k) == '=';
  }

  /**
   * Where an element is opened and closed again in the high-bit spelling ({@code ¼test¾...¼/test¾},
   * which a server that drops the high bit reads as {@code <test>...</test>}), or -1. Fractions
   * ({@code ¼ lb, ¾ cup}) make no element, and neither do ordinary tags between them.
   */
  static int elementPair(String text) {
    int n = text.length();
    int tries = 0;
    for (int lt = text.indexOf('\u00bc'); lt >= 0 && tries < 8; lt = text.indexOf('\u00bc', lt + 1)) {
      int k = lt + 1;
      while (k < n && k - lt < 20
          && (text.charAt(k) >= 'a' && text.charAt(k) <= 'z' || text.charAt(k) >= 'A' && text.charAt(k) <= 'Z')) {
        k++;
      }
      if (k == lt + 1 || k >= n || text.charAt(k) != '\u00be') {
        continue;
      }
      tries++;
      int length = k - lt - 1;
      for (int close = text.indexOf("\u00bc/", k); close >= 0; close = text.indexOf("\u00bc/", close + 2)) {
        if (text.regionMatches(true, close + 2, text, lt + 1, length) && close + 2 + length < n
            && text.charAt(close + 2 + length) == '\u00be') {
          return lt;
        }
      }
    }
    return -1;
  }

  /** {@code lower} within {@code text[from, to)}, ignoring ASCII case; reads no further than {@code to}. */
  private static int indexIn(String text, String lower, int from, int to) {
    char first = lower.charAt(0);
    for (int k = Math.max(0, from), last = Math.min(to, text.length()) - lower.length(); k <= last; k++) {
      char c = text.charAt(k);
      if ((c == first || c >= 'A' && c <= 'Z' && c + 32 == first) && Ascii.regionIs(text, k, lower)) {
        return k;
      }
    }
    return -1;
  }

  private static int wordEnd(String text, int from, int to) {
    int k = from;
    while (k < to && !Ascii.isSpace(text.charAt(k)) && text.charAt(k) != '"' && text.charAt(k) != '\'') {
      k++;
    }
    return k;
  }

  private static boolean isRemote(String text, int at) {
    return Ascii.regionIs(text, at, "http://") || Ascii.regionIs(text, at, "https://")
        || Ascii.regionIs(text, at, "ftp://") || Ascii.regionIs(text, at, "//");
  }

  /** Whether two URLs name the same host, ignoring case and a leading {@code www.}. */
  private static boolean sameHost(String text, int a, int b) {
    int ha = hostStart(text, a);
    int hb = hostStart(text, b);
    if (ha < 0 || hb < 0) {
      return false;
    }
    int ea = hostEnd(text, ha);
    int eb = hostEnd(text, hb);
    return ea - ha == eb - hb && text.regionMatches(true, ha, text, hb, ea - ha);
  }

  private static int hostStart(String text, int url) {
    int slashes = text.indexOf("//", url);
    if (slashes < 0 || slashes - url > 8) {
      return -1;
    }
    int h = slashes + 2;
    return Ascii.regionIs(text, h, "www.") ? h + 4 : h;
  }

  private static int hostEnd(String text, int host) {
    int k = host;
    while (k < text.length() && (Ascii.isWordChar(text.charAt(k)) || text.charAt(k) == '.' || text.charAt(k) == '-')) {
      k++;
    }
    return k;
  }
}
