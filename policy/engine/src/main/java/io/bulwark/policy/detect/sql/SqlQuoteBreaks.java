package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.COMMENT;
import static io.bulwark.policy.detect.sql.SqlTokenType.FUNCTION;
import static io.bulwark.policy.detect.sql.SqlTokenType.KEYWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.LEFT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.OPERATOR;
import static io.bulwark.policy.detect.sql.SqlTokenType.RIGHT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.SEMICOLON;
import static io.bulwark.policy.detect.sql.SqlTokenType.STRING;

/**
 * The quote contexts of {@link SqlInjectionDetector}: what follows a literal the value closes. A
 * comment or statement end right behind the quote cuts the rest of the query off ({@code admin'--},
 * {@code admin';}); a comparison, operator, call or clause right behind it continues the query.
 */
final class SqlQuoteBreaks extends SqlReading {

  SqlQuoteBreaks(SqlReading reading) {
    super(reading);
  }

  /** After a closed literal: a comment, a statement separator, or SQL right behind the quote. */
  SqlVerdict quoteBreakShapes() {
    if (!quoteBreak) {
      return null;
    }
    // admin'--   admin')#   admin';--
    int r = 1;
    while (r < raw.size()
        && (raw.get(r).type() == RIGHT_PAREN || raw.get(r).type() == SEMICOLON
            || raw.get(r).type() == COMMENT && isInlineComment(raw.get(r)))) {
      r++;
    }
    if (r < raw.size() && raw.get(r).type() == COMMENT && !isInlineComment(raw.get(r)) && !hasSpace(raw.get(0))
        && isShortComment(raw.get(r))) {
      return new SqlVerdict("sqli.comment-truncation", Math.max(0, raw.get(0).end() - 1), text.length());
    }
    // admin'; (the rest of the query cut off by a statement end)
    if (r >= raw.size() && r > 1 && raw.get(r - 1).type() == SEMICOLON && !hasSpace(raw.get(0))) {
      return new SqlVerdict("sqli.stacked-query", Math.max(0, raw.get(0).end() - 1), text.length());
    }
    if (t.size() < 2) {
      return null;
    }
    int i = 1;
    while (type(i) == RIGHT_PAREN) {
      i++;
    }
    SqlToken next = i < t.size() ? t.get(i) : null;
    if (next == null) {
      return null;
    }
    // '='   ' > 'a    a' like 'b
    if (isCompare(i) && t.get(i).type() == OPERATOR && isOperand(i + 1)
        && (i > 1 || t.get(0).end() - t.get(0).start() <= 1 || type(i + 1) != BAREWORD)) {
      return at("sqli.tautology", i);
    }
    // '+(select ...)   '||sleep(5)   '-extractvalue(...)
    if (next.type() == OPERATOR && (type(i + 1) == FUNCTION || type(i + 1) == LEFT_PAREN && isWord(i + 2, "select"))) {
      return at("sqli.expression", i);
    }
    if (next.type() == KEYWORD) {
      String w = next.word();
      if (("order".equals(w) || "group".equals(w)) && isWord(i + 1, "by") && i + 2 < t.size()) {
        return at("sqli.order-by", i);
      }
      if (("having".equals(w) || "where".equals(w) || "limit".equals(w) || "procedure".equals(w) || "into".equals(w)
          || "from".equals(w)) && i + 1 < t.size() && type(i + 1) != BAREWORD
          && !(type(i + 1) == STRING && t.get(i + 1).unterminated())) {
        return at("sqli.clause", i);
      }
    }
    return null;
  }

  /** A closed literal with whitespace in it is prose more often than a login name: "SOAP 1 '#". */
  private boolean hasSpace(SqlToken literal) {
    for (int k = literal.start(); k < literal.end(); k++) {
      if (text.charAt(k) <= ' ') {
        return true;
      }
    }
    return false;
  }

  /** {@code --}, {@code #}, {@code -- -}, {@code #x}: a cut, not a remark like {@code #2 CIRCULAR NEEDLE}. */
  private boolean isShortComment(SqlToken c) {
    int k = c.start() + (text.charAt(c.start()) == '#' ? 1 : 2);
    boolean seenWord = false;
    for (; k < c.end(); k++) {
      char ch = text.charAt(k);
      if (ch <= ' ') {
        if (seenWord) {
          for (int m = k; m < c.end(); m++) {
            if (text.charAt(m) > ' ') {
              return text.startsWith("/*", c.start()); // two words or more: prose after a hash
            }
          }
        }
      } else {
        seenWord = true;
      }
    }
    return true;
  }

  private boolean isInlineComment(SqlToken c) {
    // a closed /* */ followed by more tokens is whitespace; --, # and unclosed /* cut the query
    return text.startsWith("/*", c.start()) && !c.unterminated() && c.end() < text.length()
        && c != raw.get(raw.size() - 1);
  }
}
