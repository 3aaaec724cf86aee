package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.COMMENT;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL injection in an input value, in the spirit of libinjection: the decoded value is lexed as SQL
 * in each context an application could paste it into (as a bare number or name, inside a
 * {@code '...'} literal, inside a {@code "..."} literal), and the token sequence is judged by the
 * shapes injections take: a quote that closes the literal followed by SQL, tautologies, {@code
 * UNION SELECT}, stacked statements, comments that cut the rest of the query off, time delays,
 * functions that read files or leak data, system catalogs and variables.
 *
 * <p>Prose stays clean because each shape needs SQL structure around its keywords: "select a union
 * representative" has no {@code UNION SELECT}, "O'Brien" closes a literal but continues with a
 * word, not with SQL, and words only count as a boolean condition when they compare something.
 */
public final class SqlInjectionDetector implements Detector {

  /** Tokens judged per context: a value with more is judged on its first ones. */
  static final int MAX_TOKENS = 20_000;

  @Override
  public Category category() {
    return Category.SQL_INJECTION;
  }

  @Override
  public Finding inspect(Source source, String name, String value) {
    return inspect(source, name, value, ValueScan.of(value));
  }

  @Override
  public Finding inspect(Source source, String name, String value, ValueScan scan) {
    if (value == null || value.length() < 2) {
      return null;
    }
    if (SqlShapes.isNumericProbe(value)) {
      return new Finding(Category.SQL_INJECTION, "sqli.numeric-probe", Evidence.of(value, value, 0, value.length()));
    }
    if (!SqlScreen.mayHoldSql(value)) {
      return null;
    }
    String text = scan.decoded();
    SqlVerdict verdict = judge(text, '\0');
    if (verdict == null && text.indexOf('\'') >= 0) {
      verdict = judge(text, '\'');
    }
    if (verdict == null && text.indexOf('"') >= 0) {
      verdict = judge(text, '"');
    }
    if (verdict == null && text.indexOf('`') >= 0) {
      verdict = judge(text, '`'); // inside a MySQL quoted identifier: `name`
    }
    if (verdict == null) {
      return null;
    }
    return new Finding(Category.SQL_INJECTION, verdict.reason, Evidence.of(value, text, verdict.start, verdict.end));
  }

  /** Judges {@code text} lexed after {@code quote} (or as-is for 0). */
  static SqlVerdict judge(String text, char quote) {
    SqlLexer lexer = new SqlLexer(SqlDialect.MYSQL, text, quote);
    List<SqlToken> raw = SqlLexer.tokenize(lexer, MAX_TOKENS);
    if (raw.isEmpty()) {
      return null;
    }
    boolean quoteBreak = quote != 0;
    if (quoteBreak && (raw.get(0).unterminated() || raw.size() < 2)) {
      return null; // the whole value stays inside the literal
    }
    // comments between tokens are whitespace to the server ("un/**/ion" is not, "union/**/select" is)
    List<SqlToken> t = new ArrayList<>(raw.size());
    for (SqlToken token : raw) {
      if (token.type() != COMMENT) {
        t.add(token);
      }
    }
    return judge(new SqlReading(text, raw, t, quoteBreak));
  }

  /**
   * One reading judged shape by shape, the first that matches deciding: what follows a closed
   * literal, the value as a whole, the short fragments of {@link SqlShapes}, then each token by its
   * type (a keyword, {@code and/or}, a {@code ;}, a call or name, a system variable).
   */
  private static SqlVerdict judge(SqlReading r) {
    SqlVerdict v;
    if ((v = new SqlQuoteBreaks(r).quoteBreakShapes()) != null) {
      return v;
    }
    SqlStackedQueries statements = new SqlStackedQueries(r);
    if ((v = new SqlWholeValues(r, statements).wholeValueShapes()) != null) {
      return v;
    }
    SqlShapes.Hit hit = new SqlShapes(r).run();
    if (hit != null) {
      return r.at(hit.reason, hit.token);
    }
    SqlConditions conditions = new SqlConditions(r);
    SqlClauses clauses = new SqlClauses(r, conditions);
    SqlFunctionCalls calls = new SqlFunctionCalls(r);
    String text = r.text;
    List<SqlToken> t = r.t;
    for (int i = r.first; i < t.size(); i++) {
      SqlToken k = t.get(i);
      switch (k.type()) {
        case KEYWORD:
          if ((v = clauses.keywordShapes(i, k)) != null) {
            return v;
          }
          break;
        case LOGIC_OPERATOR:
          if ((v = conditions.booleanShapes(i)) != null) {
            return v;
          }
          break;
        case SEMICOLON:
          if ((v = statements.stacked(i)) != null) {
            return v;
          }
          break;
        case FUNCTION:
        case BAREWORD:
          if ((v = calls.functionShapes(i, k)) != null) {
            return v;
          }
          break;
        case VARIABLE:
          if (k.end() - k.start() > 2 && text.startsWith("@@", k.start())
              && Character.isLetter(text.charAt(k.start() + 2))) {
            return r.at("sqli.system-variable", i);
          }
          break;
        default:
          break;
      }
    }
    return null;
  }
}
