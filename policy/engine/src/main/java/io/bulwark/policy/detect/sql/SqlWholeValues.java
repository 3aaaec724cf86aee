package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.COMMA;
import static io.bulwark.policy.detect.sql.SqlTokenType.FUNCTION;
import static io.bulwark.policy.detect.sql.SqlTokenType.KEYWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.LEFT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.NUMBER;
import static io.bulwark.policy.detect.sql.SqlTokenType.OPERATOR;
import static io.bulwark.policy.detect.sql.SqlTokenType.RIGHT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.SEMICOLON;
import static io.bulwark.policy.detect.sql.SqlTokenType.STRING;
import static io.bulwark.policy.detect.sql.SqlTokenType.VARIABLE;
import static io.bulwark.policy.detect.sql.SqlWords.CATALOGS;
import static io.bulwark.policy.detect.sql.SqlWords.OBJECT_KINDS;
import static io.bulwark.policy.detect.sql.SqlWords.SQL_ONLY_FUNCTIONS;
import static io.bulwark.policy.detect.sql.SqlWords.SQL_TYPES;

/**
 * The as-is context of {@link SqlInjectionDetector} read as a whole: values that are a SQL
 * fragment and nothing else, from their first token on (a call left open, a catalog name, DDL, a
 * statement only SQL starts with, a condition begun, a PostgreSQL cast).
 */
final class SqlWholeValues extends SqlReading {

  private final SqlStackedQueries statements;

  SqlWholeValues(SqlReading reading, SqlStackedQueries statements) {
    super(reading);
    this.statements = statements;
  }

  /**
   * Values that are SQL and nothing else: an unclosed call of a SQL function ({@code database(},
   * {@code concat (}), a catalog name on its own, a statement that only SQL starts with ({@code
   * exec xp_cmdshell}, {@code declare @x}).
   */
  SqlVerdict wholeValueShapes() {
    if (quoteBreak || t.isEmpty()) {
      return null;
    }
    SqlToken a = t.get(0);
    if (a.type() == FUNCTION && a.word() != null) {
      int depth = 0;
      for (SqlToken k : t) {
        depth += k.type() == LEFT_PAREN ? 1 : k.type() == RIGHT_PAREN ? -1 : 0;
      }
      if (depth > 0) {
        return at("sqli.function", 0);
      }
      // a whole, closed call of a function only SQL has: div(23,-2), lo_get(16400)
      if (depth == 0 && t.get(t.size() - 1).type() == RIGHT_PAREN
          && SQL_ONLY_FUNCTIONS.contains(text, a.start(), a.end()) && literalArguments()) {
        return at("sqli.function", 0);
      }
    }
    // a value that continues a select list or ORDER BY with a call: ", FIND_IN_SET('22', Category )"
    if (a.type() == COMMA && type(1) == FUNCTION && t.get(1).word() != null
        && SqlWords.SQL_FUNCTIONS.contains(text, t.get(1).start(), t.get(1).end()) && type(2) == LEFT_PAREN) {
      return at("sqli.function", 0);
    }
    if (t.size() == 1 && CATALOGS.contains(text, unquotedStart(a), unquotedEnd(a))
        || CATALOGS.find(text.trim()) != null) {
      return at("sqli.catalog", 0);
    }
    // DDL: CREATE TABLE x (...), ALTER TABLE `x` ADD ..., CREATE FUNCTION f (...)
    if ((isWord(0, "create") || isWord(0, "alter")) && type(1) != null
        && OBJECT_KINDS.contains(text, t.get(1).start(), t.get(1).end())
        && (type(2) == BAREWORD || type(2) == KEYWORD || type(2) == FUNCTION)) {
      SqlTokenType after = type(3);
      boolean ddl = after == LEFT_PAREN || after == FUNCTION || text.charAt(t.get(2).start()) == '`';
      if (type(3) == KEYWORD || type(3) == BAREWORD) {
        String w = t.get(3).text(text).toLowerCase(java.util.Locale.ROOT);
        ddl |= w.equals("add") || w.equals("change") || w.equals("drop") || w.equals("modify") || w.equals("rename")
            || w.equals("set");
      }
      if (ddl) {
        return at("sqli.stacked-query", 0);
      }
    }
    if (a.type() == KEYWORD || a.type() == BAREWORD) {
      String w = SqlWords.STATEMENTS.find(text, a.start(), a.end());
      if (("exec".equals(w) || "execute".equals(w)) && statements.statementShape(w, 0)
          || "execute".equals(w) && type(1) == BAREWORD && "immediate".equalsIgnoreCase(t.get(1).text(text))) {
        return at("sqli.stacked-query", 0);
      }
      if ("declare".equals(w) && type(1) == VARIABLE) {
        return at("sqli.stacked-query", 0);
      }
    }
    // a value that starts a condition: OR '{"a":1}' -> 'x' = 7, AND 1 > 0
    if ((isWord(0, "or") || isWord(0, "and")) && (type(1) == STRING && !t.get(1).unterminated() || type(1) == NUMBER)
        && (type(2) == OPERATOR || type(2) == VARIABLE)) {
      return at("sqli.boolean", 0);
    }
    // a whole statement: SELECT a FROM b WHERE ...
    if (isWord(0, "select") && hasFrom(1)) {
      for (int k = 2; k < t.size() && k < 64; k++) {
        if (isWord(k, "where") || isWord(k, "limit") || isWord(k, "join") || isWord(k, "union") || type(k) == SEMICOLON
            || isWord(k, "order") && isWord(k + 1, "by")) {
          return at("sqli.select", 0);
        }
      }
    }
    // PostgreSQL casts: '{"a":1}'::jsonb, password::int, f(x)::text
    for (int i = 1; i + 1 < t.size(); i++) {
      SqlToken op = t.get(i);
      if (op.type() == OPERATOR && op.end() - op.start() == 2 && text.startsWith("::", op.start())
          && (type(i - 1) == STRING || type(i - 1) == RIGHT_PAREN || type(i - 1) == BAREWORD || type(i - 1) == KEYWORD
              || type(i - 1) == NUMBER) && (type(i + 1) == BAREWORD || type(i + 1) == KEYWORD)
          && SQL_TYPES.contains(text, t.get(i + 1).start(), t.get(i + 1).end())) {
        return at("sqli.cast", i - 1);
      }
    }
    return null;
  }

  /** Between the call's parentheses only numbers, strings, commas, signs and names: an argument list, not prose. */
  private boolean literalArguments() {
    for (int i = 1; i < t.size(); i++) {
      SqlTokenType k = t.get(i).type();
      if (k != NUMBER && k != STRING && k != COMMA && k != LEFT_PAREN && k != RIGHT_PAREN && k != OPERATOR
          && k != BAREWORD) {
        return false;
      }
    }
    return true;
  }
}
