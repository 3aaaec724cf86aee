package io.bulwark.policy.detect.decode;

/**
 * The named HTML character references that matter for injection: the markup and punctuation
 * characters a payload needs ({@code &lt; &colon; &lpar; &Tab; ...}), matched ignoring case and
 * with or without the semicolon, as the laxest decoder in front of a parser would.
 */
final class HtmlEntities {

  // name, character; names are matched case-sensitively except the legacy ones (browsers accept &LT)
  private static final String[] NAMES = {
    "lt", "gt", "amp", "quot", "apos", "nbsp", "Tab", "NewLine", "colon", "lpar", "rpar", "sol",
    "bsol", "semi", "comma", "period", "equals", "excl", "num", "grave", "lsqb", "rsqb", "lbrack",
    "rbrack", "lcub", "rcub", "lbrace", "rbrace", "plus", "ast", "percnt", "dollar", "quest",
    "commat", "lowbar", "hyphen", "dash", "verbar", "vert", "Hat", "tilde", "DiacriticalGrave",
    "lsquo", "rsquo", "ldquo", "rdquo", "midast"
  };
  private static final char[] CHARS = {
    '<', '>', '&', '"', '\'', '\u00a0', '\t', '\n', ':', '(', ')', '/',
    '\\', ';', ',', '.', '=', '!', '#', '`', '[', ']', '[',
    ']', '{', '}', '{', '}', '+', '*', '%', '$', '?',
    '@', '_', '-', '\u2010', '|', '|', '^', '~', '`',
    '\u2018', '\u2019', '\u201c', '\u201d', '*'
  };

  private HtmlEntities() {}

  /** The character {@code s[from, to)} names, or 0. */
  static char lookup(String s, int from, int to, boolean semicolon) {
    int length = to - from;
    for (int k = 0; k < NAMES.length; k++) {
      String name = NAMES[k];
      // browsers need the ';' (but for the legacy five) and the exact case; decoders in front of
      // other parsers (template engines, WAF-style normalizers, Log4j's callers) are laxer: be lax
      if (name.length() == length && s.regionMatches(true, from, name, 0, length)) {
        return CHARS[k];
      }
    }
    return 0;
  }
}
