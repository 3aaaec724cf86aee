package io.bulwark.policy.sink;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.sql.SqlDialect;
import io.bulwark.policy.detect.sql.SqlTokenType;
import java.util.List;

/**
 * Whether a request input changed the structure of the SQL the application runs. The input may
 * appear in the SQL, that is what queries are for; it is an injection when, where it appears, it
 * spans more than one token (it brought its own operator, quote or comment) or it cuts a token (it
 * opened or closed a string or comment that the application's text continues).
 *
 * <p>The statement is read by the same {@link io.bulwark.policy.detect.sql.SqlLexer} the entry-point
 * detector uses, in the database's dialect. Cheap when nothing matches: each input is looked for with
 * {@code indexOf}, and the SQL is only tokenized when one occurs in it.
 */
final class SqlCheck {

  /** Occurrences of one input looked at; an input found more often than this is checked that far. */
  static final int MAX_OCCURRENCES = 16;

  private SqlCheck() {}

  static SinkFinding check(String sql, SqlDialect dialect, List<RequestInputs.Input> inputs) {
    LexedSql[] tokens = new LexedSql[1];
    for (RequestInputs.Input input : inputs) {
      SinkFinding finding = check(sql, dialect, input, input.value, tokens);
      if (finding == null && input.value.indexOf('\'') >= 0) {
        // Applications that escape by hand double the quote (or backslash it); the escaped text is
        // what reaches the SQL, and where the database reads escapes differently it still breaks out.
        finding = check(sql, dialect, input, input.value.replace("'", "''"), tokens);
        if (finding == null) {
          finding = check(sql, dialect, input, input.value.replace("'", "\\'"), tokens);
        }
      }
      if (finding != null) {
        return finding;
      }
    }
    return null;
  }

  private static SinkFinding check(String sql, SqlDialect dialect, RequestInputs.Input input, String value,
      LexedSql[] lexed) {
    {
      int at = sql.indexOf(value);
      for (int seen = 0; at >= 0 && seen < MAX_OCCURRENCES; seen++) {
        if (lexed[0] == null) {
          lexed[0] = LexedSql.of(sql, dialect);
        }
        String reason = structureChange(lexed[0], sql, at, at + value.length());
        if (reason != null) {
          return new SinkFinding(Category.SQL_INJECTION, reason, input.value, input.location);
        }
        at = sql.indexOf(value, at + 1);
      }
    }
    return null;
  }

  /** Why the input at {@code [start, end)} changes the statement's tokens, or {@code null}. */
  static String structureChange(LexedSql tokens, String sql, int start, int end) {
    int first = tokens.firstEndingAfter(start);
    int last = first;
    while (last < tokens.count() && tokens.start(last) < end) {
      last++;
    }
    int overlapping = last - first;
    if (overlapping == 0) {
      return null; // only whitespace
    }
    if (overlapping == 1) {
      int tokenStart = tokens.start(first);
      int tokenEnd = tokens.end(first);
      boolean inside = tokenStart <= start && end <= tokenEnd;
      boolean covers = start <= tokenStart && tokenEnd <= end;
      if (!inside && !covers) {
        return "sqli.token-boundary"; // opened or closed a string, quoted name or comment
      }
      return tokens.type(first) == SqlTokenType.COMMENT && tokenStart >= start ? "sqli.comment" : null;
    }
    if (signedNumber(tokens, sql, first, last) || qualifiedName(tokens, sql, first, last)) {
      return null;
    }
    for (int i = first; i < last; i++) {
      if (tokens.type(i) == SqlTokenType.COMMENT) {
        return "sqli.comment";
      }
    }
    return "sqli.token-structure";
  }

  /** {@code -5}, {@code +1.5}: a sign and a number, one value to the user. */
  private static boolean signedNumber(LexedSql tokens, String sql, int first, int last) {
    if (last - first != 2 || tokens.type(first) != SqlTokenType.OPERATOR
        || tokens.type(first + 1) != SqlTokenType.NUMBER) {
      return false;
    }
    char sign = sql.charAt(tokens.start(first));
    return (sign == '-' || sign == '+') && tokens.end(first) == tokens.start(first + 1);
  }

  /** {@code t.name}, {@code schema.table.column}: names joined by dots, nothing else. */
  private static boolean qualifiedName(LexedSql tokens, String sql, int first, int last) {
    if ((last - first) % 2 == 0) {
      return false;
    }
    for (int i = first; i < last; i++) {
      boolean name = (i - first) % 2 == 0;
      SqlTokenType type = tokens.type(i);
      if (name ? !isName(type) : type != SqlTokenType.DOT) {
        return false;
      }
      if (i > first && tokens.start(i) != tokens.end(i - 1)) {
        return false;
      }
    }
    return true;
  }

  /** A name the lexer read: plain or quoted (the structural lexer does not tell keywords apart). */
  private static boolean isName(SqlTokenType type) {
    return type == SqlTokenType.BAREWORD || type == SqlTokenType.KEYWORD || type == SqlTokenType.FUNCTION;
  }
}
