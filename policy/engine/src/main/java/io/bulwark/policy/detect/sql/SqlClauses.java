package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.COMMA;
import static io.bulwark.policy.detect.sql.SqlTokenType.DOT;
import static io.bulwark.policy.detect.sql.SqlTokenType.FUNCTION;
import static io.bulwark.policy.detect.sql.SqlTokenType.KEYWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.LEFT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.LOGIC_OPERATOR;
import static io.bulwark.policy.detect.sql.SqlTokenType.NUMBER;
import static io.bulwark.policy.detect.sql.SqlTokenType.OPERATOR;
import static io.bulwark.policy.detect.sql.SqlTokenType.SEMICOLON;
import static io.bulwark.policy.detect.sql.SqlTokenType.STRING;
import static io.bulwark.policy.detect.sql.SqlTokenType.VARIABLE;
import static io.bulwark.policy.detect.sql.SqlWords.CATALOGS;
import static io.bulwark.policy.detect.sql.SqlWords.TIME_FUNCTIONS;

/**
 * The shapes that start at a keyword, for {@link SqlInjectionDetector}: {@code UNION SELECT}, a
 * {@code WHERE} or {@code HAVING} condition, a {@code SELECT} with SQL behind it, {@code INTO
 * OUTFILE}, {@code WAITFOR DELAY}, {@code ORDER BY n}, a catalog, {@code PROCEDURE ANALYSE} and
 * {@code LOAD DATA INFILE}.
 */
final class SqlClauses extends SqlReading {

  private final SqlConditions conditions;

  SqlClauses(SqlReading reading, SqlConditions conditions) {
    super(reading);
    this.conditions = conditions;
  }

  SqlVerdict keywordShapes(int i, SqlToken k) {
    String w = k.word();
    if ("union".equals(w) || "intersect".equals(w) || "except".equals(w) || "minus".equals(w)) {
      int j = i + 1;
      while (isWord(j, "all") || isWord(j, "distinct") || type(j) == LEFT_PAREN) {
        j++;
      }
      if (isWord(j, "select") || isWord(j, "values") && "union".equals(w)) {
        // "trade union select committee" is prose; "union select 1,2" and "union select x from" are not
        SqlTokenType after = type(j + 1);
        if (quoteBreak || numericStart || after == null || after != BAREWORD || hasFrom(j + 1) || isWord(j + 2, "from")
            || type(j + 2) == COMMA || type(j + 2) == DOT) {
          return at("sqli.union", i);
        }
      }
      return null;
    }
    if ("where".equals(w) || "having".equals(w)) {
      return conditions.condition(i, "sqli.tautology");
    }
    if ("select".equals(w)) {
      return select(i);
    }
    if ("as".equals(w) && type(i + 1) == BAREWORD && text.charAt(t.get(i + 1).start()) == '`'
        && isWord(i + 2, "from")) {
      return at("sqli.select", i); // ` AS `alias` FROM: the tail of a select list
    }
    if ("into".equals(w) && (isWord(i + 1, "outfile") || isWord(i + 1, "dumpfile"))) {
      return at("sqli.file-write", i);
    }
    if ("waitfor".equals(w) && (isWord(i + 1, "delay") || isWord(i + 1, "time")) && type(i + 2) == STRING) {
      return at("sqli.time-delay", i);
    }
    if (("order".equals(w) || "group".equals(w)) && isWord(i + 1, "by") && type(i + 2) == NUMBER
        && (numericStart || quoteBreak) && (i + 3 >= t.size() || trailingComment || type(i + 3) == COMMA)) {
      return at("sqli.order-by", i);
    }
    if (CATALOGS.contains(text, k.start(), k.end())) {
      return at("sqli.catalog", i);
    }
    if (("procedure".equals(w) && isWord(i + 1, "analyse"))
        || ("load".equals(w) && type(i + 1) == BAREWORD && "data".equalsIgnoreCase(t.get(i + 1).text(text))
            && isWord(i + 2, "infile"))) {
      return at("sqli.clause", i);
    }
    return null;
  }

  /** {@code select} with SQL behind it: a star, a call, a variable, a column list of literals, or a catalog. */
  private SqlVerdict select(int i) {
    SqlTokenType next = type(i + 1);
    if (next == null) {
      return null;
    }
    boolean context = quoteBreak || numericStart
        || i > 0
        && (type(i - 1) == LEFT_PAREN || type(i - 1) == SEMICOLON || type(i - 1) == OPERATOR
            || type(i - 1) == LOGIC_OPERATOR);
    boolean sqlList =
        next == OPERATOR && text.charAt(t.get(i + 1).start()) == '*'
            || next == FUNCTION
            || next == VARIABLE
            || next == NUMBER && (type(i + 2) == COMMA || isWord(i + 2, "from") || i + 2 >= t.size())
            || next == KEYWORD
                && (isWord(i + 1, "null") || isWord(i + 1, "distinct") || isWord(i + 1, "top") || isWord(i + 1, "case")
                    || isWord(i + 1, "char"))
            || next == STRING && (type(i + 2) == COMMA || isWord(i + 2, "from"));
    if ((next == KEYWORD || next == BAREWORD)
        && TIME_FUNCTIONS.contains(text, t.get(i + 1).start(), t.get(i + 1).end())) {
      return at("sqli.time-delay", i); // select pg_sleep
    }
    if (sqlList && (context || hasFrom(i + 1) || i == first && next != STRING)) {
      return at("sqli.select", i);
    }
    if (context && (next == BAREWORD || next == STRING) && hasFrom(i + 1)) {
      return at("sqli.select", i);
    }
    return null;
  }
}
