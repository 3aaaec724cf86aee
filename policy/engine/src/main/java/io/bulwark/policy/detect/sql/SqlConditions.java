package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.FUNCTION;
import static io.bulwark.policy.detect.sql.SqlTokenType.KEYWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.LEFT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.NUMBER;
import static io.bulwark.policy.detect.sql.SqlTokenType.RIGHT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.SEMICOLON;
import static io.bulwark.policy.detect.sql.SqlTokenType.STRING;
import static io.bulwark.policy.detect.sql.SqlWords.STRONG_FUNCTIONS;

/**
 * Boolean conditions, for {@link SqlInjectionDetector}: what follows {@code and}, {@code or},
 * {@code xor}, {@code where} or {@code having} when it is a condition an injection adds (a
 * comparison no form field makes, a lone truth value, a call, a subquery) rather than prose.
 */
final class SqlConditions extends SqlReading {

  SqlConditions(SqlReading reading) {
    super(reading);
  }

  /** {@code and/or/xor} followed by a condition. */
  SqlVerdict booleanShapes(int i) {
    if (isWord(i, "not")) {
      return null;
    }
    return condition(i, "sqli.boolean");
  }

  /**
   * The condition after the token at {@code i} ({@code and}, {@code or}, {@code where} ...), found
   * as {@code reason}: a comparison, a lone truth value at the end, a call, a subquery.
   */
  SqlVerdict condition(int i, String reason) {
    int j = i + 1;
    while (isWord(j, "not") || type(j) == LEFT_PAREN && type(j + 1) != KEYWORD) {
      j++;
    }
    // MySQL's ODBC escape {identifier expr} reads as expr: 9999 or {if length((select ...
    if (type(j) == SqlTokenType.UNKNOWN && text.charAt(t.get(j).start()) == '{'
        && (type(j + 1) == KEYWORD || type(j + 1) == BAREWORD)
        && (type(j + 2) == FUNCTION || type(j + 2) == LEFT_PAREN)) {
      j += 2;
    }
    if (!isOperand(j)) {
      if (type(j) == LEFT_PAREN && (isWord(j + 1, "select") || isWord(j + 1, "case"))) {
        return at(reason, i);
      }
      if (isWord(j, "exists") || type(j) == KEYWORD && isWord(j, "select")) {
        return (quoteBreak || numericStart) ? at(reason, i) : null;
      }
      return null;
    }
    SqlToken x = t.get(j);
    int k = afterOperand(j);
    // (1) x <compare> y
    if (isCompare(k)) {
      int y = k + 1;
      while (isWord(y, "not")) {
        y++;
      }
      if (isOperand(y) || isWord(y, "null") || isWord(y, "select")) {
        if (quoteBreak || numericStart || strongComparison(j, y)
            || "where".equals(t.get(i).word()) && type(j) == NUMBER) {
          return at(reason, i);
        }
        return null;
      }
    }
    // (2) a lone truth value at the end: ' or 1--   1 or true#
    SqlTokenType xt = x.type();
    boolean truthy = xt == NUMBER || isWord(j, "true") || isWord(j, "false") || xt == STRING && !x.unterminated();
    if (truthy && (k >= t.size() || type(k) == SEMICOLON || type(k) == RIGHT_PAREN)) {
      if (quoteBreak && (xt != STRING || trailingComment) || numericStart && (trailingComment || inlineComment)) {
        return at(reason, i);
      }
    }
    // (3) a call: ' and extractvalue(...)   1 or sleep(5)
    if (xt == FUNCTION
        && (quoteBreak || numericStart || x.word() != null && STRONG_FUNCTIONS.contains(text, x.start(), x.end()))) {
      return at(reason, i);
    }
    // (4) a subquery
    if (xt == LEFT_PAREN && (isWord(j + 1, "select") || isWord(j + 1, "case"))) {
      return at(reason, i);
    }
    return null;
  }

  /** A comparison no form field makes: 1=1, 'a'='a', 2>1, x=x, or one side a catalog or function. */
  private boolean strongComparison(int x, int y) {
    SqlToken a = t.get(x);
    SqlToken b = t.get(y);
    if (a.type() == NUMBER && b.type() == NUMBER) {
      return true;
    }
    if (a.type() == STRING && b.type() == STRING) {
      return true;
    }
    if (a.type() == b.type() && a.end() - a.start() == b.end() - b.start()
        && text.regionMatches(true, a.start(), text, b.start(), a.end() - a.start())) {
      return true;
    }
    return a.type() == FUNCTION && a.word() != null || b.type() == FUNCTION && b.word() != null
        || b.type() == LEFT_PAREN && isWord(y + 1, "select");
  }
}
