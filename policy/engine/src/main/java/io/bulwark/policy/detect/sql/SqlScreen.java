package io.bulwark.policy.detect.sql;

import io.bulwark.policy.detect.text.Ascii;

import io.bulwark.policy.detect.text.WordTable;

/**
 * The screen in front of {@link SqlInjectionDetector}: whether a raw value could hold SQL at all,
 * read character by character and word by word against keyword tables, without lexing or
 * allocating. Most values (names, numbers, prose without SQL words) stop here.
 */
final class SqlScreen {

  private SqlScreen() {}

  /**
   * Whether the value could be anything but a single plain word or number: a value of letters,
   * digits and {@code . , - _ :} without spaces is one token in any SQL context.
   */
  static boolean mayHoldSql(String value) {
    // Words, numbers, quotes, parentheses and ordinary punctuation without any SQL word are clean in
    // every context: no shape can be formed of them. Checked word by word against the keyword
    // tables, without lexing or allocating. "O'Brien", "it's 5 o'clock", "+1 (917) 666-0987" stop here.
    int n = value.length();
    if (isWholeCatalog(value)) {
      return true; // mysql.db
    }
    int lead = 0;
    while (lead < n && value.charAt(lead) <= ' ') {
      lead++;
    }
    if (lead < n && (value.charAt(lead) == ')' || value.charAt(lead) == '`')) {
      return true; // ) like (   ` REGEXP: a value that starts by closing something
    }
    int wordStart = -1;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? value.charAt(i) : ' ';
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
          || c > 0x7f && c < 0xff00 && Character.isLetter(c)) {
        if (wordStart < 0) {
          wordStart = i;
        }
        continue;
      }
      if (wordStart >= 0) {
        if (isSqlWord(value, wordStart, i)
            || i - wordStart == 4 && value.regionMatches(true, wordStart, "case", 0, 4)
            && followedByWord(value, i, "when")) {
          return true;
        }
        if ((c == '(' || c == '.' || c == ')' || c == ',') && i - wordStart == 1 && wordStart >= 2
            && SqlShapes.isScientificSeparator(value, wordStart - 2, i)) {
          return true; // 1.e(ascii): MySQL's number-then-SQL separator
        }
        wordStart = -1;
      }
      switch (c) {
        case ':':
          if (i + 1 < n && value.charAt(i + 1) == ':') {
            return true; // a PostgreSQL cast
          }
          continue;
        case ' ':
        case '.':
        case ',':
        case '+':
        case '?':
        case '\'':
        case '"':
        case '`':
        case '(':
        case ')':
        case '[':
        case ']':
        case '{':
        case '}':
        case '*':
        case '~':
          continue;
        case '@':
          if (i + 1 < n && value.charAt(i + 1) == '@') {
            return true; // @@version
          }
          continue;
        case ';':
          // "gift-wrap; it's for Anna": a statement separator needs a statement word after it (the
          // word screen sees those) or to end the value (admin';)
          if (isLastSignificant(value, i)) {
            return true;
          }
          continue;
        case '&':
          // "Ben & Jerry's": only && and character references (which decode to anything) count
          if (i + 1 < n
              && (value.charAt(i + 1) == '&' || value.charAt(i + 1) == '#'
                  || Character.isLetter(value.charAt(i + 1)))) {
            return true;
          }
          continue;
        case '-':
          if (i + 1 < n && value.charAt(i + 1) == '-') {
            return true;
          }
          continue;
        case '/':
          if (i + 1 < n && value.charAt(i + 1) == '*') {
            return true;
          }
          continue;
        default:
          return true; // ; # = < > ! | & ^ % \\ control characters, fullwidth forms, ...
      }
    }
    return false;
  }

  /**
   * The words every shape of {@link SqlInjectionDetector} needs one of (when the value has none of the special
   * characters): a statement or clause keyword, a logic operator, a catalog, a time or file
   * function, or any SQL function name followed by {@code (}. English words that are also
   * keywords ("for", "in", "is", "set", "time", "user") start nothing on their own.
   */
  private static final WordTable SCREEN_WORDS =
      new WordTable(
          "union", "intersect", "except", "minus", "select", "where", "having", "into", "waitfor",
          "order", "group", "limit", "procedure", "from", "exec", "execute", "declare", "and", "or",
          "xor", "load", "sleep", "pg_sleep", "benchmark", "shutdown", "drop", "insert", "delete",
          "update", "truncate", "alter", "create");

  /** {@link #SCREEN_WORDS}, the strong functions and the catalogs in one table: one lookup per word. */
  private static final WordTable SCREEN = union(SCREEN_WORDS, SqlWords.STRONG_FUNCTIONS, SqlWords.CATALOGS);


  private static WordTable union(WordTable... tables) {
    java.util.List<String> words = new java.util.ArrayList<>();
    for (WordTable table : tables) {
      words.addAll(table.words());
    }
    return new WordTable(words.toArray(new String[0]));
  }

  /**
   * The trimmed value is a catalog name ({@code mysql.db}, {@code master..sysdatabases}), which the
   * word screen reads in parts.
   */
  private static boolean isWholeCatalog(String value) {
    int from = Ascii.trimmedStart(value);
    int to = Ascii.trimmedEnd(value, from);
    return SqlWords.CATALOGS.contains(value, from, to) || SqlShapes.SAMPLE_DATABASES.contains(value, from, to);
  }

  private static boolean followedByWord(String value, int i, String word) {
    int k = i;
    while (k < value.length() && value.charAt(k) == ' ') {
      k++;
    }
    int e = k + word.length();
    return k > i && e <= value.length() && value.regionMatches(true, k, word, 0, word.length())
        && (e == value.length() || !Character.isLetterOrDigit(value.charAt(e)));
  }

  private static boolean isLastSignificant(String value, int i) {
    for (int k = i + 1; k < value.length(); k++) {
      if (value.charAt(k) > ' ') {
        return false;
      }
    }
    return true;
  }

  private static boolean isSqlWord(String value, int from, int to) {
    if (SCREEN.contains(value, from, to)) {
      return true;
    }
    int k = to;
    while (k < value.length() && value.charAt(k) == ' ') {
      k++;
    }
    return k < value.length() && value.charAt(k) == '('
        && (SqlWords.SQL_FUNCTIONS.contains(value, from, to) || SqlWords.DANGEROUS_FUNCTIONS.contains(value, from, to));
  }
}
