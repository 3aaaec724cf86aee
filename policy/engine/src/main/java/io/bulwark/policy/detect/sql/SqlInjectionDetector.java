package io.bulwark.policy.detect.sql;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.COMMA;
import static io.bulwark.policy.detect.sql.SqlTokenType.COMMENT;
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

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detector;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import io.bulwark.policy.detect.ValueScan;
import io.bulwark.policy.detect.text.Evidence;
import io.bulwark.policy.detect.text.WordTable;
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

  /** Functions no language but SQL names (PostgreSQL large objects, MySQL DIV as a call): a whole call of one is a probe. */
  private static final io.bulwark.policy.detect.text.WordTable SQL_ONLY_FUNCTIONS =
      new io.bulwark.policy.detect.text.WordTable("div", "lo_get", "lo_put", "lo_import", "lo_export", "lo_from_bytea", "lo_creat", "lo_create", "lo_unlink", "find_in_set", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "sys_eval", "sys_exec", "pg_sleep", "make_set", "name_const", "extractvalue", "updatexml");

  /** Tokens judged per context: a value with more is judged on its first ones. */
  static final int MAX_TOKENS = 20_000;

  static final WordTable STRONG_FUNCTIONS =
      new WordTable(
          "load_file", "extractvalue", "updatexml", "xp_cmdshell", "sys_eval", "sys_exec",
          "pg_read_file", "pg_ls_dir", "lo_import", "lo_export", "utl_http", "utl_inaddr",
          "dbms_pipe", "dbms_lock", "name_const", "group_concat", "concat_ws", "pg_sleep",
          "pg_sleep_for", "benchmark", "ctxsys", "dbms_utility", "dbms_xmlgen", "openrowset",
          "opendatasource", "sp_oacreate", "gtid_subset", "xp_regread", "xp_dirtree", "sp_executesql",
          "sp_makewebtask", "sp_password", "dbms_java", "sysdate_sleep", "waitfor");
  private static final WordTable TIME_FUNCTIONS =
      new WordTable("sleep", "benchmark", "pg_sleep", "pg_sleep_for", "randomblob", "dbms_lock", "dbms_pipe");
  static final WordTable CATALOGS =
      new WordTable(
          "information_schema", "sysobjects", "syscolumns", "sysusers", "sysdatabases",
          "sqlite_master", "sqlite_schema", "pg_shadow", "pg_user", "pg_catalog", "pg_tables",
          "msysobjects", "msysaccessobjects", "all_tables", "all_tab_columns", "user_tables",
          "dba_users", "mysql.user", "mysql.db", "sys.tables", "sys.objects", "master..sysdatabases",
          "tempdb", "msdb", "schema_name", "pg_namespace", "pg_proc", "pg_largeobject");
  private static final WordTable SQL_TYPES =
      new WordTable(
          "int", "int2", "int4", "int8", "integer", "bigint", "smallint", "text", "varchar", "char",
          "json", "jsonb", "bool", "boolean", "numeric", "decimal", "float", "float4", "float8", "double",
          "real", "regclass", "regproc", "oid", "bytea", "date", "timestamp", "timestamptz", "inet",
          "uuid", "xml", "money", "interval", "tsvector", "name");
  static final WordTable OBJECT_KINDS =
      new WordTable(
          "table", "database", "schema", "user", "procedure", "function", "trigger", "view", "index",
          "column", "login", "role", "temporary");

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
    Verdict verdict = judge(text, '\0');
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

  private static final class Verdict {
    final String reason;
    final int start;
    final int end;

    Verdict(String reason, int start, int end) {
      this.reason = reason;
      this.start = start;
      this.end = end;
    }
  }

  /** Judges {@code text} lexed after {@code quote} (or as-is for 0). */
  static Verdict judge(String text, char quote) {
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
    Judge judge = new Judge(text, raw, t, quoteBreak);
    return judge.run();
  }

  private static final class Judge {
    final String text;
    final List<SqlToken> raw;
    final List<SqlToken> t;
    final boolean quoteBreak;
    final boolean numericStart;
    final boolean trailingComment;
    final boolean inlineComment;
    final int first; // index of the first token after the closed literal (quote contexts)

    Judge(String text, List<SqlToken> raw, List<SqlToken> t, boolean quoteBreak) {
      this.text = text;
      this.raw = raw;
      this.t = t;
      this.quoteBreak = quoteBreak;
      this.first = quoteBreak ? 1 : 0;
      this.trailingComment = raw.get(raw.size() - 1).type() == COMMENT;
      boolean inline = false;
      for (int k = 1; k + 1 < raw.size(); k++) {
        inline |= raw.get(k).type() == COMMENT;
      }
      this.inlineComment = inline;
      this.numericStart = !quoteBreak && startsNumeric();
    }

    private boolean startsNumeric() {
      if (t.isEmpty()) {
        return false;
      }
      SqlToken a = t.get(0);
      if (a.type() == NUMBER || a.type() == RIGHT_PAREN) {
        return true;
      }
      if (a.type() == OPERATOR && t.size() > 1 && t.get(1).type() == NUMBER) {
        char c = text.charAt(a.start());
        return (c == '-' || c == '+') && a.end() - a.start() == 1;
      }
      if (a.type() == LEFT_PAREN && t.size() > 1 && (t.get(1).type() == NUMBER || t.get(1).type() == OPERATOR)) {
        return true;
      }
      return false;
    }

    SqlTokenType type(int i) {
      return i >= 0 && i < t.size() ? t.get(i).type() : null;
    }

    boolean isWord(int i, String word) {
      return i >= 0 && i < t.size() && word.equals(t.get(i).word());
    }

    boolean isCompare(int i) {
      if (i < 0 || i >= t.size()) {
        return false;
      }
      SqlToken k = t.get(i);
      if (k.type() == OPERATOR && "=".equals(k.word())) {
        return true;
      }
      if (k.type() == KEYWORD) {
        String w = k.word();
        return "like".equals(w) || "rlike".equals(w) || "regexp".equals(w) || "between".equals(w) || "is".equals(w) || "in".equals(w) || "sounds".equals(w);
      }
      if (k.type() == FUNCTION && ("in".equals(k.word()) || "rlike".equals(k.word()))) {
        return true;
      }
      return false;
    }

    boolean isOperand(int i) {
      SqlTokenType ty = type(i);
      if (ty == null) {
        return false;
      }
      switch (ty) {
        case NUMBER:
        case STRING:
        case BAREWORD:
        case VARIABLE:
        case FUNCTION:
        case LEFT_PAREN:
          return true;
        case KEYWORD:
          String w = t.get(i).word();
          return "true".equals(w) || "false".equals(w) || "null".equals(w) || "select".equals(w) || "case".equals(w) || "char".equals(w) || "user".equals(w);
        case OPERATOR:
          char c = text.charAt(t.get(i).start());
          return (c == '-' || c == '+' || c == '~') && isOperand(i + 1);
        default:
          return false;
      }
    }

    /** The index after the operand at {@code i} (a call or parenthesis skipped to its close, bounded). */
    int afterOperand(int i) {
      SqlTokenType ty = type(i);
      if (ty == OPERATOR) {
        return afterOperand(i + 1);
      }
      int j = i + 1;
      if (ty == FUNCTION || ty == LEFT_PAREN) {
        if (ty == FUNCTION) {
          j = i + 1; // at '('
        } else {
          j = i;
        }
        int depth = 0;
        for (int k = j; k < t.size() && k < j + 256; k++) {
          if (t.get(k).type() == LEFT_PAREN) {
            depth++;
          } else if (t.get(k).type() == RIGHT_PAREN) {
            depth--;
            if (depth == 0) {
              return k + 1;
            }
          }
        }
        return t.size();
      }
      // qualified names: a.b.c
      while (ty == BAREWORD && type(j) == DOT && type(j + 1) == BAREWORD) {
        j += 2;
      }
      return j;
    }

    Verdict at(String reason, int from) {
      int s = t.get(Math.min(from, t.size() - 1)).start();
      if (quoteBreak && from <= 1) {
        s = Math.max(0, t.get(0).end() - 1);
      }
      return new Verdict(reason, s, text.length());
    }

    Verdict run() {
      Verdict v;
      if ((v = quoteBreakShapes()) != null) {
        return v;
      }
      if ((v = wholeValueShapes()) != null) {
        return v;
      }
      SqlShapes.Hit hit = new SqlShapes(text, t, quoteBreak, numericStart).run();
      if (hit != null) {
        return at(hit.reason, hit.token);
      }
      for (int i = first; i < t.size(); i++) {
        SqlToken k = t.get(i);
        switch (k.type()) {
          case KEYWORD:
            if ((v = keywordShapes(i, k)) != null) {
              return v;
            }
            break;
          case LOGIC_OPERATOR:
            if ((v = booleanShapes(i)) != null) {
              return v;
            }
            break;
          case SEMICOLON:
            if ((v = stacked(i)) != null) {
              return v;
            }
            break;
          case FUNCTION:
          case BAREWORD:
            if ((v = functionShapes(i, k)) != null) {
              return v;
            }
            break;
          case VARIABLE:
            if (k.end() - k.start() > 2 && text.startsWith("@@", k.start()) && Character.isLetter(text.charAt(k.start() + 2))) {
              return at("sqli.system-variable", i);
            }
            break;
          default:
            break;
        }
      }
      return null;
    }

    /**
     * Values that are SQL and nothing else: an unclosed call of a SQL function ({@code database(},
     * {@code concat (}), a catalog name on its own, a statement that only SQL starts with ({@code
     * exec xp_cmdshell}, {@code declare @x}).
     */
    /** Between the call's parentheses only numbers, strings, commas, signs and names: an argument list, not prose. */
    private boolean literalArguments() {
      for (int i = 1; i < t.size(); i++) {
        SqlTokenType k = t.get(i).type();
        if (k != NUMBER && k != STRING && k != COMMA && k != LEFT_PAREN && k != RIGHT_PAREN && k != OPERATOR && k != BAREWORD) {
          return false;
        }
      }
      return true;
    }

    private Verdict wholeValueShapes() {
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
        if (depth == 0 && t.get(t.size() - 1).type() == RIGHT_PAREN && SQL_ONLY_FUNCTIONS.contains(text, a.start(), a.end()) && literalArguments()) {
          return at("sqli.function", 0);
        }
      }
      // a value that continues a select list or ORDER BY with a call: ", FIND_IN_SET('22', Category )"
      if (a.type() == COMMA && type(1) == FUNCTION && t.get(1).word() != null && SqlWords.SQL_FUNCTIONS.contains(text, t.get(1).start(), t.get(1).end()) && type(2) == LEFT_PAREN) {
        return at("sqli.function", 0);
      }
      if (t.size() == 1 && CATALOGS.contains(text, unquotedStart(a), unquotedEnd(a)) || CATALOGS.find(text.trim()) != null) {
        return at("sqli.catalog", 0);
      }
      // DDL: CREATE TABLE x (...), ALTER TABLE `x` ADD ..., CREATE FUNCTION f (...)
      if ((isWord(0, "create") || isWord(0, "alter")) && type(1) != null && OBJECT_KINDS.contains(text, t.get(1).start(), t.get(1).end()) && (type(2) == BAREWORD || type(2) == KEYWORD || type(2) == FUNCTION)) {
        SqlTokenType after = type(3);
        boolean ddl = after == LEFT_PAREN || after == FUNCTION || text.charAt(t.get(2).start()) == '`';
        if (type(3) == KEYWORD || type(3) == BAREWORD) {
          String w = t.get(3).text(text).toLowerCase(java.util.Locale.ROOT);
          ddl |= w.equals("add") || w.equals("change") || w.equals("drop") || w.equals("modify") || w.equals("rename") || w.equals("set");
        }
        if (ddl) {
          return at("sqli.stacked-query", 0);
        }
      }
      if (a.type() == KEYWORD || a.type() == BAREWORD) {
        String w = SqlWords.STATEMENTS.find(text, a.start(), a.end());
        if (("exec".equals(w) || "execute".equals(w)) && statementShape(w, 0) || "execute".equals(w) && type(1) == BAREWORD && "immediate".equalsIgnoreCase(t.get(1).text(text))) {
          return at("sqli.stacked-query", 0);
        }
        if ("declare".equals(w) && type(1) == VARIABLE) {
          return at("sqli.stacked-query", 0);
        }
      }
      // a value that starts a condition: OR '{"a":1}' -> 'x' = 7, AND 1 > 0
      if ((isWord(0, "or") || isWord(0, "and")) && (type(1) == STRING && !t.get(1).unterminated() || type(1) == NUMBER) && (type(2) == OPERATOR || type(2) == VARIABLE)) {
        return at("sqli.boolean", 0);
      }
      // a whole statement: SELECT a FROM b WHERE ...
      if (isWord(0, "select") && hasFrom(1)) {
        for (int k = 2; k < t.size() && k < 64; k++) {
          if (isWord(k, "where") || isWord(k, "limit") || isWord(k, "join") || isWord(k, "union") || type(k) == SEMICOLON || isWord(k, "order") && isWord(k + 1, "by")) {
            return at("sqli.select", 0);
          }
        }
      }
      // PostgreSQL casts: '{"a":1}'::jsonb, password::int, f(x)::text
      for (int i = 1; i + 1 < t.size(); i++) {
        SqlToken op = t.get(i);
        if (op.type() == OPERATOR && op.end() - op.start() == 2 && text.startsWith("::", op.start()) && (type(i - 1) == STRING || type(i - 1) == RIGHT_PAREN || type(i - 1) == BAREWORD || type(i - 1) == KEYWORD || type(i - 1) == NUMBER) && (type(i + 1) == BAREWORD || type(i + 1) == KEYWORD) && SQL_TYPES.contains(text, t.get(i + 1).start(), t.get(i + 1).end())) {
          return at("sqli.cast", i - 1);
        }
      }
      return null;
    }

    private int unquotedStart(SqlToken k) {
      char c = text.charAt(k.start());
      return c == '`' || c == '"' || c == '[' ? k.start() + 1 : k.start();
    }

    private int unquotedEnd(SqlToken k) {
      char c = text.charAt(k.end() - 1);
      return k.end() - k.start() > 1 && (c == '`' || c == '"' || c == ']') ? k.end() - 1 : k.end();
    }

    /** After a closed literal: a comment, a statement separator, or SQL right behind the quote. */
    private Verdict quoteBreakShapes() {
      if (!quoteBreak) {
        return null;
      }
      // admin'--   admin')#   admin';--
      int r = 1;
      while (r < raw.size() && (raw.get(r).type() == RIGHT_PAREN || raw.get(r).type() == SEMICOLON || raw.get(r).type() == COMMENT && isInlineComment(raw.get(r)))) {
        r++;
      }
      if (r < raw.size() && raw.get(r).type() == COMMENT && !isInlineComment(raw.get(r)) && !hasSpace(raw.get(0)) && isShortComment(raw.get(r))) {
        return new Verdict("sqli.comment-truncation", Math.max(0, raw.get(0).end() - 1), text.length());
      }
      // admin'; (the rest of the query cut off by a statement end)
      if (r >= raw.size() && r > 1 && raw.get(r - 1).type() == SEMICOLON && !hasSpace(raw.get(0))) {
        return new Verdict("sqli.stacked-query", Math.max(0, raw.get(0).end() - 1), text.length());
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
      if (isCompare(i) && t.get(i).type() == OPERATOR && isOperand(i + 1) && (i > 1 || t.get(0).end() - t.get(0).start() <= 1 || type(i + 1) != BAREWORD)) {
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
        if (("having".equals(w) || "where".equals(w) || "limit".equals(w) || "procedure".equals(w) || "into".equals(w) || "from".equals(w)) && i + 1 < t.size() && type(i + 1) != BAREWORD && !(type(i + 1) == STRING && t.get(i + 1).unterminated())) {
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
      return text.startsWith("/*", c.start()) && !c.unterminated() && c.end() < text.length() && c != raw.get(raw.size() - 1);
    }

    private Verdict keywordShapes(int i, SqlToken k) {
      String w = k.word();
      if ("union".equals(w) || "intersect".equals(w) || "except".equals(w) || "minus".equals(w)) {
        int j = i + 1;
        while (isWord(j, "all") || isWord(j, "distinct") || type(j) == LEFT_PAREN) {
          j++;
        }
        if (isWord(j, "select") || isWord(j, "values") && "union".equals(w)) {
          // "trade union select committee" is prose; "union select 1,2" and "union select x from" are not
          SqlTokenType after = type(j + 1);
          if (quoteBreak || numericStart || after == null || after != BAREWORD || hasFrom(j + 1) || isWord(j + 2, "from") || type(j + 2) == COMMA || type(j + 2) == DOT) {
            return at("sqli.union", i);
          }
        }
        return null;
      }
      if ("where".equals(w) || "having".equals(w)) {
        return condition(i, "sqli.tautology");
      }
      if ("select".equals(w)) {
        return select(i);
      }
      if ("as".equals(w) && type(i + 1) == BAREWORD && text.charAt(t.get(i + 1).start()) == '`' && isWord(i + 2, "from")) {
        return at("sqli.select", i); // ` AS `alias` FROM: the tail of a select list
      }
      if ("into".equals(w) && (isWord(i + 1, "outfile") || isWord(i + 1, "dumpfile"))) {
        return at("sqli.file-write", i);
      }
      if ("waitfor".equals(w) && (isWord(i + 1, "delay") || isWord(i + 1, "time")) && type(i + 2) == STRING) {
        return at("sqli.time-delay", i);
      }
      if (("order".equals(w) || "group".equals(w)) && isWord(i + 1, "by") && type(i + 2) == NUMBER && (numericStart || quoteBreak) && (i + 3 >= t.size() || trailingComment || type(i + 3) == COMMA)) {
        return at("sqli.order-by", i);
      }
      if (CATALOGS.contains(text, k.start(), k.end())) {
        return at("sqli.catalog", i);
      }
      if (("procedure".equals(w) && isWord(i + 1, "analyse")) || ("load".equals(w) && type(i + 1) == BAREWORD && "data".equalsIgnoreCase(t.get(i + 1).text(text)) && isWord(i + 2, "infile"))) {
        return at("sqli.clause", i);
      }
      return null;
    }

    /** {@code select} with SQL behind it: a star, a call, a variable, a column list of literals, or a catalog. */
    private Verdict select(int i) {
      SqlTokenType next = type(i + 1);
      if (next == null) {
        return null;
      }
      boolean context = quoteBreak || numericStart || i > 0 && (type(i - 1) == LEFT_PAREN || type(i - 1) == SEMICOLON || type(i - 1) == OPERATOR || type(i - 1) == LOGIC_OPERATOR);
      boolean sqlList =
          next == OPERATOR && text.charAt(t.get(i + 1).start()) == '*'
              || next == FUNCTION
              || next == VARIABLE
              || next == NUMBER && (type(i + 2) == COMMA || isWord(i + 2, "from") || i + 2 >= t.size())
              || next == KEYWORD && (isWord(i + 1, "null") || isWord(i + 1, "distinct") || isWord(i + 1, "top") || isWord(i + 1, "case") || isWord(i + 1, "char"))
              || next == STRING && (type(i + 2) == COMMA || isWord(i + 2, "from"));
      if ((next == KEYWORD || next == BAREWORD) && TIME_FUNCTIONS.contains(text, t.get(i + 1).start(), t.get(i + 1).end())) {
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

    private boolean hasFrom(int from) {
      for (int k = from; k < t.size() && k < from + 64; k++) {
        if (isWord(k, "from")) {
          return k + 1 < t.size();
        }
      }
      return false;
    }

    /** {@code and/or/xor} followed by a condition. */
    private Verdict booleanShapes(int i) {
      if (isWord(i, "not")) {
        return null;
      }
      return condition(i, "sqli.boolean");
    }

    private Verdict condition(int i, String reason) {
      int j = i + 1;
      while (isWord(j, "not") || type(j) == LEFT_PAREN && type(j + 1) != KEYWORD) {
        j++;
      }
      // MySQL's ODBC escape {identifier expr} reads as expr: 9999 or {if length((select ...
      if (type(j) == SqlTokenType.UNKNOWN && text.charAt(t.get(j).start()) == '{' && (type(j + 1) == KEYWORD || type(j + 1) == BAREWORD) && (type(j + 2) == FUNCTION || type(j + 2) == LEFT_PAREN)) {
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
          if (quoteBreak || numericStart || strongComparison(j, y) || "where".equals(t.get(i).word()) && type(j) == NUMBER) {
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
      if (xt == FUNCTION && (quoteBreak || numericStart || x.word() != null && STRONG_FUNCTIONS.contains(text, x.start(), x.end()))) {
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
      if (a.type() == b.type() && a.end() - a.start() == b.end() - b.start() && text.regionMatches(true, a.start(), text, b.start(), a.end() - a.start())) {
        return true;
      }
      return a.type() == FUNCTION && a.word() != null || b.type() == FUNCTION && b.word() != null || b.type() == LEFT_PAREN && isWord(y + 1, "select");
    }

    /** {@code ;} followed by a second statement. */
    private Verdict stacked(int i) {
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
    private boolean statementShape(String statement, int j) {
      SqlTokenType n = type(j + 1);
      switch (statement) {
        case "drop":
        case "create":
        case "alter":
        case "truncate":
        case "rename":
          return n != null && OBJECT_KINDS.contains(text, t.get(j + 1).start(), t.get(j + 1).end()) || isWord(j + 1, "or") && isWord(j + 2, "replace");
        case "select":
          return n == OPERATOR || n == FUNCTION || n == VARIABLE || n == NUMBER || n == STRING || n == LEFT_PAREN || isWord(j + 1, "null") || hasFrom(j + 1);
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
            return next.startsWith("xp_") || next.startsWith("sp_") || next.startsWith("master") || next.startsWith("sys");
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

    /** Calls of time-delay and data-leaking functions, and catalog names. */
    private Verdict functionShapes(int i, SqlToken k) {
      if (k.type() == BAREWORD) {
        if (CATALOGS.contains(text, unquotedStart(k), unquotedEnd(k)) && (type(i + 1) == DOT || i > 0 && isWord(i - 1, "from"))) {
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
              || before == LOGIC_OPERATOR || before == OPERATOR || before == KEYWORD || before == SEMICOLON || before == COMMA || before == LEFT_PAREN;
      boolean proseBefore = before == BAREWORD || before == STRING && !quoteBreak;
      SqlTokenType arg = type(i + 2); // i+1 is '('
      boolean sqlArgument = arg == NUMBER || arg == FUNCTION || arg == LEFT_PAREN || arg == VARIABLE || arg == OPERATOR || isWord(i + 2, "select") || arg == STRING;
      if (TIME_FUNCTIONS.contains(text, k.start(), k.end()) && sqlBefore && (sqlArgument || quoteBreak && arg == BAREWORD)) {
        return at("sqli.time-delay", i);
      }
      if (STRONG_FUNCTIONS.contains(text, k.start(), k.end()) && !proseBefore && arg != RIGHT_PAREN) {
        return at("sqli.function", i);
      }
      return null;
    }
  }
}
