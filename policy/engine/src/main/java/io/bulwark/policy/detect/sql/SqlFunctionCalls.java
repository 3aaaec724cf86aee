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
import static io.bulwark.policy.detect.sql.SqlTokenType.RIGHT_PAREN;
import static io.bulwark.policy.detect.sql.SqlTokenType.SEMICOLON;
import static io.bulwark.policy.detect.sql.SqlTokenType.STRING;
import static io.bulwark.policy.detect.sql.SqlTokenType.VARIABLE;
import static io.bulwark.policy.detect.sql.SqlWords.CATALOGS;
import static io.bulwark.policy.detect.sql.SqlWords.STRONG_FUNCTIONS;
import static io.bulwark.policy.detect.sql.SqlWords.TIME_FUNCTIONS;

/**
 * Function calls and catalog names, for {@link SqlInjectionDetector}: a time delay or a function
 * that reads files or leaks data called with SQL around it, a catalog qualified or read from.
 */
final class SqlFunctionCalls extends SqlReading {

  SqlFunctionCalls(SqlReading reading) {
    super(reading);
  }

  /** Calls of time-delay and data-leaking functions, and catalog names. */
  SqlVerdict functionShapes(int i, SqlToken k) {
    if (k.type() == BAREWORD) {
      if (CATALOGS.contains(text, unquotedStart(k), unquotedEnd(k))
          && (type(i + 1) == DOT || i > 0 && isWord(i - 1, "from"))) {
        return at("sqli.catalog", i);
      }
      if (STRONG_FUNCTIONS.contains(text, k.start(), k.end()) && type(i + 1) == DOT && type(i + 2) == FUNCTION) {
        return at("sqli.function", i);
      }
      return null;
    }
    SqlTokenType before = i > 0 ? type(i - 1) : null;
    boolean sqlBefore =
        i == first && (quoteBreak || i == 0)
            || before == LOGIC_OPERATOR || before == OPERATOR || before == KEYWORD || before == SEMICOLON
            || before == COMMA || before == LEFT_PAREN;
    boolean proseBefore = before == BAREWORD || before == STRING && !quoteBreak;
    SqlTokenType arg = type(i + 2); // i+1 is '('
    boolean sqlArgument = arg == NUMBER || arg == FUNCTION || arg == LEFT_PAREN || arg == VARIABLE || arg == OPERATOR
        || isWord(i + 2, "select") || arg == STRING;
    if (TIME_FUNCTIONS.contains(text, k.start(), k.end()) && sqlBefore
        && (sqlArgument || quoteBreak && arg == BAREWORD)) {
      return at("sqli.time-delay", i);
    }
    if (STRONG_FUNCTIONS.contains(text, k.start(), k.end()) && !proseBefore && arg != RIGHT_PAREN) {
      return at("sqli.function", i);
    }
    return null;
  }
}
