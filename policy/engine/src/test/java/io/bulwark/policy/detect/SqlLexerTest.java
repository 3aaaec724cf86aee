package io.bulwark.policy.detect;

import static io.bulwark.policy.detect.sql.SqlTokenType.BAREWORD;
import static io.bulwark.policy.detect.sql.SqlTokenType.COMMENT;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.policy.detect.sql.SqlDialect;
import io.bulwark.policy.detect.sql.SqlLexer;
import io.bulwark.policy.detect.sql.SqlToken;
import io.bulwark.policy.detect.sql.SqlTokenType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

  private static List<SqlTokenType> types(SqlDialect dialect, String sql) {
    return SqlLexer.tokenize(dialect, sql).stream().map(SqlToken::type).toList();
  }

  @Test
  void aQueryReadsAsTypedTokensWithOffsets() {
    String sql = "SELECT name FROM users WHERE id = 42 AND sleep(5);";
    List<SqlToken> tokens = SqlLexer.tokenize(SqlDialect.ANSI, sql);
    assertEquals(List.of(KEYWORD, BAREWORD, KEYWORD, BAREWORD, KEYWORD, BAREWORD, OPERATOR, NUMBER, LOGIC_OPERATOR,
        FUNCTION, LEFT_PAREN, NUMBER, RIGHT_PAREN, SEMICOLON), tokens.stream().map(SqlToken::type).toList());
    assertEquals("select", tokens.get(0).word());
    assertEquals("users", tokens.get(3).text(sql));
    assertEquals(sql.indexOf("42"), tokens.get(7).start());
    assertEquals(sql.indexOf("42") + 2, tokens.get(7).end());
    assertEquals("sleep", tokens.get(9).word());
  }

  @Test
  void structuralLexerReadsTheSameTokensWithoutNamingWords() {
    String sql = "SELECT name FROM users WHERE id = 42 OR sleep(5) -- x";
    List<SqlToken> classified = SqlLexer.tokenize(SqlDialect.ANSI, sql);
    List<SqlToken> structural = SqlLexer.tokenize(SqlLexer.structural(SqlDialect.ANSI, sql), 100);
    assertEquals(classified.size(), structural.size());
    for (int i = 0; i < classified.size(); i++) {
      assertEquals(classified.get(i).start(), structural.get(i).start());
      assertEquals(classified.get(i).end(), structural.get(i).end());
    }
    assertEquals(List.of(BAREWORD, BAREWORD, BAREWORD, BAREWORD, BAREWORD, BAREWORD, OPERATOR, NUMBER, BAREWORD,
        BAREWORD, LEFT_PAREN, NUMBER, RIGHT_PAREN, COMMENT), structural.stream().map(SqlToken::type).toList());
  }

  @Test
  void postgresqlNestsBlockCommentsOthersDoNot() {
    assertEquals(List.of(NUMBER, COMMENT, NUMBER), types(SqlDialect.POSTGRESQL, "1 /* a /* b */ c */ 2"));
    assertEquals(List.of(NUMBER, COMMENT, BAREWORD, OPERATOR, OPERATOR, NUMBER),
        types(SqlDialect.ANSI, "1 /* a /* b */ c */ 2"));
    assertTrue(SqlLexer.tokenize(SqlDialect.POSTGRESQL, "/* a /* b */").get(0).unterminated());
  }

  @Test
  void mysqlBackslashEscapesHashAndDashDashSpaceComments() {
    assertEquals(List.of(STRING, COMMENT), types(SqlDialect.MYSQL, "'it\\'s' # rest"));
    assertEquals(List.of(STRING, COMMENT), types(SqlDialect.MYSQL, "'a' -- rest"));
    // "--x" is two minus signs in MySQL, a comment elsewhere
    assertEquals(List.of(NUMBER, OPERATOR, OPERATOR, BAREWORD), types(SqlDialect.MYSQL, "1--x"));
    assertEquals(List.of(NUMBER, COMMENT), types(SqlDialect.ANSI, "1--x"));
    // ANSI: a backslash is an ordinary character, the quote closes the string
    assertEquals(List.of(STRING, BAREWORD, STRING), types(SqlDialect.ANSI, "'it\\'s'"));
    // MySQL reads double quotes as strings, ANSI as identifiers
    assertEquals(List.of(STRING), types(SqlDialect.MYSQL, "\"x\""));
    assertEquals(List.of(BAREWORD), types(SqlDialect.ANSI, "\"x\""));
  }

  @Test
  void mysqlExecutableCommentsAreCode() {
    assertEquals(List.of(NUMBER, KEYWORD, KEYWORD, NUMBER), types(SqlDialect.MYSQL, "1 /*!50000UNION*/ /*!SELECT*/ 2"));
    assertEquals(List.of(NUMBER, COMMENT, NUMBER), types(SqlDialect.ANSI, "1 /*!UNION*/ 2"));
  }

  @Test
  void postgresDollarQuotingAndEscapeStrings() {
    assertEquals(List.of(KEYWORD, STRING, SEMICOLON), types(SqlDialect.POSTGRESQL, "SELECT $tag$ it's ; -- $tag$;"));
    assertEquals(List.of(KEYWORD, STRING), types(SqlDialect.POSTGRESQL, "SELECT $$a'b$$"));
    assertEquals(List.of(STRING, OPERATOR, BAREWORD), types(SqlDialect.POSTGRESQL, "E'it\\'s'::text"));
    assertEquals(List.of(VARIABLE), types(SqlDialect.POSTGRESQL, "$1"));
  }

  @Test
  void h2DollarStrings() {
    assertEquals(List.of(STRING), types(SqlDialect.H2, "$$ select 1 $$"));
  }

  @Test
  void literalsVariablesAndUnterminatedText() {
    assertEquals(List.of(NUMBER, NUMBER, NUMBER, STRING, STRING),
        types(SqlDialect.MYSQL, "0x7f 1.5e3 .5 x'41' N'abc'"));
    assertEquals(List.of(VARIABLE, VARIABLE), types(SqlDialect.MYSQL, "@x @@version"));
    List<SqlToken> open = SqlLexer.tokenize(SqlDialect.MYSQL, "'never closed");
    assertTrue(open.get(0).unterminated());
    List<SqlToken> comment = SqlLexer.tokenize(SqlDialect.MYSQL, "/* never closed");
    assertTrue(comment.get(0).unterminated());
  }

  @Test
  void aLexerStartedInsideALiteralEndsItAtTheClosingQuote() {
    SqlLexer lexer = new SqlLexer(SqlDialect.MYSQL, "admin' OR '1'='1", '\'');
    List<SqlToken> tokens = SqlLexer.tokenize(lexer, 100);
    assertEquals(List.of(STRING, LOGIC_OPERATOR, STRING, OPERATOR, STRING),
        tokens.stream().map(SqlToken::type).toList());
    assertEquals(0, tokens.get(0).start());
    assertEquals(6, tokens.get(0).end());
    assertTrue(tokens.get(4).unterminated());
  }
}
