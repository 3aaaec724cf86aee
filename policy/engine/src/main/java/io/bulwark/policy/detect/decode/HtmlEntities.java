package io.bulwark.policy.detect.decode;

/**
 * The named HTML character references that matter for injection: the markup and punctuation
 * characters a payload needs ({@code &lt; &colon; &lpar; &Tab; ...}). Browsers also accept the
 * five legacy ones ({@code &lt &gt &amp &quot &nbsp}) without the semicolon; the others need it.
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
      boolean legacy = k < 4 || k == 5;
      if (name.length() == length
          && (semicolon || legacy)
          && s.regionMatches(legacy, from, name, 0, length)) {
        return CHARS[k];
      }
    }
    return 0;
  }
}
