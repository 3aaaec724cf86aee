package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.FUNCTION;
import static io.bulwark.policy.detect.sql.SqlTokenType.KEYWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.LEFT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.NUMBER;
import static io.bulwark.policy.detect.sql.SqlTokenType.OPERATOR;
import static io.bulwark.policy.detect.sql.SqlTokenType.RIGHT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.SEMICOLON;
import static io.bulwark.policy.detect.sql.SqlTokenType.STRING;
import static io.bulwark.policy.detect.sql.SqlTokenType.VARIABLE;
import static io.bulwark.policy.detect.sql.SqlWords.OBJECT_KINDS;

/**
 * Stacked queries, for {@link SqlInjectionDetector}: a {@code ;} followed by a second statement
 * shaped like SQL ({@code ; drop table}, {@code ; exec xp_cmdshell}, {@code ; declare @x}), not by
 * prose that happens to start with a statement word.
 */
final class SqlStackedQueries extends SqlReading {

  SqlStackedQueries(SqlReading reading) {
    super(reading);
  }

  /** {@code ;} followed by a second statement. */
  SqlVerdict stacked(int i) {
    int j = i + 1;
    if (j >= t.size()) {
      return null;
    }
    SqlToken s = t.get(j);
    if (!(s.type() == KEYWORD || s.type() == BAREWORD || s.type() == FUNCTION)) {
      return null;
    }
    String statement = SqlWords.STATEMENTS.find(text, s.start(), s.end());
    if (statement == null) {
      return null;
    }
    boolean rightAfterBreak = quoteBreak && onlyClosersBetween(1, i) || numericStart && onlyClosersBetween(1, i);
    if (rightAfterBreak || statementShape(statement, j)) {
      return at("sqli.stacked-query", i);
    }
    return null;
  }

  private boolean onlyClosersBetween(int from, int to) {
    for (int k = from; k < to; k++) {
      if (type(k) != RIGHT_PAREN && type(k) != NUMBER) {
        return false;
      }
    }
    return true;
  }

  /** Whether the statement at {@code j} is shaped like SQL rather than prose after a semicolon. */
  boolean statementShape(String statement, int j) {
    SqlTokenType n = type(j + 1);
    switch (statement) {
      case "drop":
      case "create":
      case "alter":
      case "truncate":
      case "rename":
        return n != null && OBJECT_KINDS.contains(text, t.get(j + 1).start(), t.get(j + 1).end())
            || isWord(j + 1, "or") && isWord(j + 2, "replace");
      case "select":
        return n == OPERATOR || n == FUNCTION || n == VARIABLE || n == NUMBER || n == STRING || n == LEFT_PAREN
            || isWord(j + 1, "null") || hasFrom(j + 1);
      case "insert":
      case "replace":
        return isWord(j + 1, "into") || hasWordWithin(j + 1, "values", 12);
      case "delete":
        return isWord(j + 1, "from");
      case "update":
        return n == BAREWORD && isWord(j + 2, "set");
      case "exec":
      case "execute":
        if (n == FUNCTION || n == VARIABLE || n == LEFT_PAREN || n == STRING) {
          return true;
        }
        if (n == BAREWORD || n == KEYWORD) {
          String next = t.get(j + 1).text(text).toLowerCase(java.util.Locale.ROOT);
          return next.startsWith("xp_") || next.startsWith("sp_") || next.startsWith("master")
              || next.startsWith("sys");
        }
        return false;
      case "declare":
      case "set":
        return n == VARIABLE;
      case "shutdown":
        return n == null || n == SEMICOLON || isWord(j + 1, "with");
      case "waitfor":
        return isWord(j + 1, "delay") || isWord(j + 1, "time");
      case "sleep":
        return t.get(j).type() == FUNCTION;
      case "grant":
      case "revoke":
        return isWord(j + 1, "all") || hasWordWithin(j + 1, "to", 8) || hasWordWithin(j + 1, "on", 8);
      case "copy":
        return hasWordWithin(j + 1, "program", 12) || hasWordWithin(j + 1, "from", 4);
      case "load":
        return n == BAREWORD && "data".equalsIgnoreCase(t.get(j + 1).text(text));
      case "call":
      case "handler":
      case "pragma":
      case "attach":
        return n == FUNCTION || n == BAREWORD && type(j + 2) != BAREWORD;
      default:
        return false;
    }
  }

  private boolean hasWordWithin(int from, String word, int window) {
    for (int k = from; k < t.size() && k < from + window; k++) {
      if (word.equals(t.get(k).word()) || t.get(k).type() == BAREWORD && word.equalsIgnoreCase(t.get(k).text(text))) {
        return true;
      }
    }
    return false;
  }
}
