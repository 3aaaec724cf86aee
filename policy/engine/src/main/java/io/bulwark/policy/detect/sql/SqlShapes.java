package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.DOT;
import static io.bulwark.policy.detect.sql.SqlTokenType.FUNCTION;
import static io.bulwark.policy.detect.sql.SqlTokenType.KEYWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.LEFT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.NUMBER;
import static io.bulwark.policy.detect.sql.SqlTokenType.OPERATOR;
import static io.bulwark.policy.detect.sql.SqlTokenType.RIGHT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.SEMICOLON;
import static io.bulwark.policy.detect.sql.SqlTokenType.STRING;
import static io.bulwark.policy.detect.sql.SqlTokenType.UNKNOWN;
import static io.bulwark.policy.detect.sql.SqlTokenType.VARIABLE;

import io.bulwark.policy.detect.text.Ascii;
import io.bulwark.policy.detect.text.WordTable;

/**
 * Short values that are a SQL fragment and nothing else, judged on the whole token list of one
 * context (split from {@link SqlInjectionDetector}, which judges the shapes inside longer values):
 * a parenthesis closed and a comparison begun ({@code ) like (}), {@code CASE WHEN x THEN y}, a
 * chain of compared literals ({@code 'x'!='y}, {@code '{..}' < '$.a' = 7}), a function name left
 * open ({@code md5\(}, {@code encode=(}, {@code x user(}), MySQL's scientific-notation separator
 * ({@code 1.e(ascii)}), a select list's tail ({@code 1234 AS "a" FROM t}), a quote closed and
 * followed by {@code select x} or a comparison keyword, DDL after punctuation ({@code /CREATE TABLE
 * t}). Each needs its tokens to make up (nearly) the whole value, so prose that uses the same words
 * in a sentence is not read as one. Every check looks at a bounded number of tokens.
 */
final class SqlShapes extends SqlReading {

  /** A finding: its reason and the index of the token where the offending part starts. */
  static final class Hit {
    final String reason;
    final int token;

    Hit(String reason, int token) {
      this.reason = reason;
      this.token = token;
    }
  }

  /** Functions that read who and where the query runs: an unclosed call of one ends a probe. */
  private static final WordTable INFORMATION_FUNCTIONS =
      new WordTable(
          "user", "current_user", "session_user", "system_user", "version", "database", "schema",
          "db_name", "user_name", "suser_name", "host_name", "connection_id", "current_database",
          "current_schema", "sqlite_version", "@@version");

  /**
   * The sample databases of SQL Server and Access that probes name (CRS 942140): a value that is
   * only one of them. Not system catalogs, so not read inside prose or after FROM ("northwind.com").
   */
  static final WordTable SAMPLE_DATABASES =
      new WordTable(
          "northwind", "adventureworks", "adventureworksdw", "adventureworkslt",
          "wideworldimporters");

  /**
   * Integers one past the 32- and 64-bit ranges, as a whole value (the range maxima themselves are "no
   * limit" in real traffic).
   */
  private static final String[] OVERFLOW_PROBES = {
    "2147483648", "-2147483649", "4294967296", "9223372036854775808", "-9223372036854775809",
    "18446744073709551616"
  };

  /** Comparison words that take a pattern or a value to their right. */
  private static final WordTable PATTERN_WORDS = new WordTable("like", "rlike", "regexp", "sounds");

  SqlShapes(SqlReading reading) {
    super(reading);
  }

  private boolean in(WordTable table, int i) {
    return i >= 0 && i < t.size() && table.contains(text, t.get(i).start(), t.get(i).end());
  }

  private char first(int i) {
    return text.charAt(t.get(i).start());
  }

  /**
   * What a short fragment compares against: a literal, a parenthesis, a call, a variable, {@code
   * select} or {@code null}: narrower than {@link SqlReading#isOperand}, which also takes bare
   * words, booleans and signed operands.
   */
  private boolean isShapeOperand(int i) {
    SqlTokenType ty = type(i);
    return ty == NUMBER || ty == STRING || ty == LEFT_PAREN || ty == FUNCTION || ty == VARIABLE || isWord(i, "select")
        || isWord(i, "null");
  }

  /** A comparison operator ({@code = != <> < > <= >=}) or a JSON path operator ({@code -> ->> @> <@}). */
  private boolean isCompareOperator(int i) {
    if (type(i) != OPERATOR) {
      return false;
    }
    SqlToken k = t.get(i);
    if ("=".equals(k.word())) {
      return true;
    }
    int n = k.end() - k.start();
    return n == 2
        && (text.startsWith("->", k.start()) || text.startsWith("@>", k.start()) || text.startsWith("<@", k.start()));
  }

  Hit run() {
    if (t.isEmpty() || t.size() > 64) {
      return null;
    }
    return quoteBreak ? afterQuote() : asIs();
  }

  /** The value lexed after a quote it closes: the first token is the rest of that literal. */
  private Hit afterQuote() {
    if (t.size() == 2 && isWord(1, "from") && endsWithAs(t.get(0))) {
      return new Hit("sqli.select", 1); // 6 As" from   (a select list's quoted alias, cut before the table)
    }
    if (t.get(0).end() != 1 || t.size() < 2) {
      return null; // only a value that starts with the closing quote: ' select x, ` REGEXP
    }
    for (SqlToken k : t) {
      if (k.unterminated()) {
        return null; // 'select all' is the label: a quoted phrase, not a break out of one
      }
    }
    // 'select H   (the application closes the quote)
    if (isWord(1, "select") && t.size() <= 4
        && (type(2) == BAREWORD || type(2) == NUMBER || type(2) == VARIABLE || type(2) == FUNCTION)) {
      return new Hit("sqli.select", 1);
    }
    // ` REGEXP    ' like 'a%
    if (in(PATTERN_WORDS, 1) && type(1) == KEYWORD
        && (t.size() == 2 || t.size() <= 4 && (type(2) == STRING || type(2) == NUMBER || type(2) == LEFT_PAREN))) {
      return new Hit("sqli.tautology", 1);
    }
    return null;
  }

  private Hit asIs() {
    SqlToken a = t.get(0);
    int n = t.size();
    if (n == 1 && SAMPLE_DATABASES.contains(text, a.start(), a.end())) {
      return new Hit("sqli.catalog", 0); // Northwind
    }
    // ) like (    )like(    ) regexp '^a'
    if (a.type() == RIGHT_PAREN) {
      int i = 1;
      while (type(i) == RIGHT_PAREN) {
        i++;
      }
      if (isWord(i, "not")) {
        i++;
      }
      if (type(i) == KEYWORD && in(PATTERN_WORDS, i) && (isShapeOperand(i + 1) || type(i + 1) == LEFT_PAREN)) {
        return new Hit("sqli.tautology", 0);
      }
    }
    // case when condition1 then result1
    Hit h = caseWhen();
    if (h != null) {
      return h;
    }
    // 'x'!='y    '{"a":2}' < '$.c[2].f' = 7
    if (a.type() == STRING && !a.unterminated() && n >= 3 && n <= 5 && isCompareOperator(1) && type(2) == STRING) {
      if (n == 3 || n == 5 && !t.get(2).unterminated() && isCompareOperator(3) && isShapeOperand(4)) {
        return new Hit("sqli.tautology", 0);
      }
    }
    // md5\(   encode=(   selectect user(
    if (n >= 2 && type(n - 1) == LEFT_PAREN && n <= 4) { // a lone "(" has no function before it
      SqlToken f = t.get(n - 2);
      if (f.type() == FUNCTION && f.end() == t.get(n - 1).start() && in(INFORMATION_FUNCTIONS, n - 2)) {
        return new Hit("sqli.function", n - 2);
      }
      if (n >= 3 && n <= 4 && (a.type() == BAREWORD || a.type() == KEYWORD)
          && SqlWords.SQL_FUNCTIONS.contains(text, a.start(), a.end())) {
        boolean punctuation = true;
        for (int k = 1; k < n - 1; k++) {
          punctuation &= type(k) == OPERATOR || type(k) == UNKNOWN;
        }
        if (punctuation) {
          return new Hit("sqli.function", 0);
        }
      }
    }
    // 1.e(ascii)   1.e.tables   (MySQL reads "1.e" as the number 1 and what follows as SQL)
    for (int i = 0; i < n; i++) {
      if (type(i) == BAREWORD && isScientificSeparator(t.get(i)) && i + 1 < n
          && t.get(i + 1).start() == t.get(i).end()) {
        if (type(i + 1) == LEFT_PAREN || type(i + 1) == RIGHT_PAREN || type(i + 1) == SqlTokenType.COMMA) {
          return new Hit("sqli.expression", i);
        }
        if (type(i + 1) == DOT && type(i + 2) == BAREWORD && t.get(i + 2).start() == t.get(i + 1).end()
            && !isRomanNumeral(t.get(i + 2))) {
          return new Hit("sqli.expression", i);
        }
      }
    }
    // 1234 AS "foobar" FROM t
    if (numericStart && type(0) == NUMBER) {
      for (int i = 1; i + 3 <= n && i < 4; i++) {
        if (isWord(i, "as") && (type(i + 1) == BAREWORD || type(i + 1) == STRING && !t.get(i + 1).unterminated())
            && isWord(i + 2, "from") && (type(i + 3) == BAREWORD || type(i + 3) == KEYWORD)) {
          return new Hit("sqli.select", i);
        }
      }
    }
    // /CREATE TABLE Persons   ;truncate[xx]
    int p = 0;
    // (not after "-", "*" or "+": "- Create user accounts" is a to-do list)
    while (p < n && p < 3
        && (type(p) == OPERATOR || type(p) == UNKNOWN || type(p) == SEMICOLON || type(p) == RIGHT_PAREN)
        && "/\\;)".indexOf(first(p)) >= 0) {
      p++;
    }
    if (p > 0 && p < n) {
      if ((isWord(p, "create") || isWord(p, "alter") || isWord(p, "drop") || isWord(p, "truncate"))
          && in(SqlWords.OBJECT_KINDS, p + 1) && (type(p + 2) == BAREWORD || type(p + 2) == FUNCTION)
          && (p + 3 == n || type(p + 3) == LEFT_PAREN || type(p + 3) == SEMICOLON)) {
        return new Hit("sqli.stacked-query", p);
      }
      if (type(p - 1) == SEMICOLON && isWord(p, "truncate") && type(p + 1) == UNKNOWN && first(p + 1) == '['
          && type(p + 2) == BAREWORD) {
        return new Hit("sqli.stacked-query", p - 1);
      }
    }
    return null;
  }

  /** {@code CASE WHEN a THEN b [ELSE c] [END]} as the whole value (after an optional parenthesis). */
  private Hit caseWhen() {
    int i = type(0) == LEFT_PAREN ? 1 : 0;
    if (!isWord(i, "case") || !isWord(i + 1, "when")) {
      return null;
    }
    int then = -1;
    for (int k = i + 3; k < t.size() && k <= i + 6; k++) {
      if (isWord(k, "then")) {
        then = k;
        break;
      }
    }
    if (then < 0 || then + 1 >= t.size()) {
      return null;
    }
    int rest = t.size() - then - 1;
    for (int k = then + 1; k < t.size(); k++) {
      if (isWord(k, "else") || isWord(k, "end") || isWord(k, "when")) {
        return new Hit("sqli.expression", i);
      }
    }
    return rest <= 3 ? new Hit("sqli.expression", i) : null;
  }

  /** The literal before the closing quote ends with the word {@code as}: {@code 6 As"}. */
  private boolean endsWithAs(SqlToken literal) {
    int e = literal.end() - 1; // the closing quote
    return e >= 3 && WordTable.lowerAscii(text.charAt(e - 1)) == 's' && WordTable.lowerAscii(text.charAt(e - 2)) == 'a'
        && text.charAt(e - 3) == ' ' && e - 3 > literal.start();
  }

  /** {@code 1.e} or {@code 12.E}: digits, a dot and a lone e, no exponent digits. */
  static boolean isScientificSeparator(CharSequence s, int from, int to) {
    if (to - from < 3) {
      return false;
    }
    char e = s.charAt(to - 1);
    if (e != 'e' && e != 'E' || s.charAt(to - 2) != '.') {
      return false;
    }
    for (int k = from; k < to - 2; k++) {
      if (s.charAt(k) < '0' || s.charAt(k) > '9') {
        return false;
      }
    }
    return true;
  }

  private boolean isScientificSeparator(SqlToken k) {
    return isScientificSeparator(text, k.start(), k.end());
  }

  /** "1.e.iv": an outline number, not SQL. */
  private boolean isRomanNumeral(SqlToken k) {
    for (int i = k.start(); i < k.end(); i++) {
      char c = WordTable.lowerAscii(text.charAt(i));
      if (c != 'i' && c != 'v' && c != 'x') {
        return false;
      }
    }
    return true;
  }

  /**
   * Numbers that probe a parser rather than carry data, as the whole value: {@code
   * 2.2250738585072011e-308} and its neighbours, the doubles that hung Java's and PHP's
   * string-to-double conversion (CVE-2010-4476, PHP bug 53632), and integers one past the 32- and
   * 64-bit ranges ({@code 4294967296}, {@code 2147483648}), which probe for overflows in the
   * database's or the application's integer columns. Allocation-free.
   */
  static boolean isNumericProbe(String value) {
    int from = Ascii.trimmedStart(value);
    int to = Ascii.trimmedEnd(value, from);
    for (String probe : OVERFLOW_PROBES) {
      if (to - from == probe.length() && value.startsWith(probe, from)) {
        return true;
      }
    }
    String stem = "2.22507385850720";
    if (to - from < stem.length() + 6 || to - from > 40 || !value.startsWith(stem, from)) {
      return false;
    }
    int k = from + stem.length();
    int two = (value.charAt(k) - '0') * 10 + value.charAt(k + 1) - '0';
    if (two < 7 || two > 13) {
      return false; // ...14e-308 is DBL_MIN (Double.MIN_NORMAL), which parses fine
    }
    while (k < to && value.charAt(k) >= '0' && value.charAt(k) <= '9') {
      k++;
    }
    return to - k == 5 && (value.charAt(k) == 'e' || value.charAt(k) == 'E') && value.startsWith("-308", k + 1);
  }
}
