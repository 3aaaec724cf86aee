package io.bulwark.policy.detect.sql;

import io.bulwark.policy.detect.text.Ascii;
import java.util.ArrayList;
import java.util.List;

/**
 * A tolerant, linear-time SQL tokenizer: it never fails, reads any text (a fragment, a whole
 * statement, prose) as a sequence of {@link SqlToken}s, and spells strings, comments and quoted
 * names the way the chosen {@link SqlDialect} does. Entry-point detectors lex an input value in the
 * contexts it can land in; sink checks lex the query an application built.
 *
 * <p>Use it as a cursor ({@link #next()}, then {@link #type()}, {@link #start()}, ...), which does
 * not allocate, or get the list with {@link #tokenize(SqlDialect, CharSequence)}.
 */
public final class SqlLexer {

  private final SqlDialect dialect;
  private final CharSequence text;
  /** False for {@link #structural}: names are not looked up as keywords, functions or logic words. */
  private boolean classifyWords = true;
  private final int limit;
  private int pos;
  private char openQuote;
  private boolean inExecutableComment;

  private SqlTokenType type;
  private int start;
  private int end;
  private String word;
  private boolean unterminated;

  public SqlLexer(SqlDialect dialect, CharSequence text) {
    this(dialect, text, '\0');
  }

  /**
   * A lexer for {@code text} as if it followed an opening {@code openQuote} ({@code '} or {@code "}):
   * how a value reads where an application pasted it inside a quoted literal. The first token is
   * then the rest of that literal, up to the quote that closes it (or to the end: unterminated).
   */
  public SqlLexer(SqlDialect dialect, CharSequence text, char openQuote) {
    this.dialect = dialect;
    this.text = text;
    this.limit = text.length();
    this.openQuote = openQuote;
    this.startsAtQuote = openQuote == 0;
  }

  /**
   * A lexer for the shape of a statement only: strings, comments, quoted names, numbers and
   * operators as usual, but every name (keyword or not) is a {@link SqlTokenType#BAREWORD} and no
   * word is looked up, which makes reading a whole statement cheaper. A sink check needs to know
   * where tokens begin and end, not which keyword a word is.
   */
  public static SqlLexer structural(SqlDialect dialect, CharSequence text) {
    SqlLexer lexer = new SqlLexer(dialect, text);
    lexer.classifyWords = false;
    return lexer;
  }

  /** All tokens of {@code text}. */
  public static List<SqlToken> tokenize(SqlDialect dialect, CharSequence text) {
    return tokenize(new SqlLexer(dialect, text), Integer.MAX_VALUE);
  }

  /** The first {@code maxTokens} tokens the lexer reads. */
  public static List<SqlToken> tokenize(SqlLexer lexer, int maxTokens) {
    List<SqlToken> tokens = new ArrayList<>();
    while (tokens.size() < maxTokens && lexer.next()) {
      tokens.add(lexer.token());
    }
    return tokens;
  }

  public SqlTokenType type() {
    return type;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public String word() {
    return word;
  }

  public boolean unterminated() {
    return unterminated;
  }

  public SqlToken token() {
    return new SqlToken(type, start, end, word, unterminated);
  }

  /** Reads the next token; {@code false} at the end of the text. */
  public boolean next() {
    word = null;
    unterminated = false;
    if (openQuote != 0) {
      char q = openQuote;
      openQuote = 0;
      start = pos;
      readQuoted(q, backslashEscapes(), SqlTokenType.STRING);
      return true;
    }
    skipSpace();
    if (pos >= limit) {
      return false;
    }
    start = pos;
    char c = text.charAt(pos);
    char n1 = pos + 1 < limit ? text.charAt(pos + 1) : '\0';
    switch (c) {
      case '\'':
        readQuoted('\'', backslashEscapes(), SqlTokenType.STRING);
        return true;
      case '"':
        readQuoted('"', dialect == SqlDialect.MYSQL,
            dialect == SqlDialect.MYSQL ? SqlTokenType.STRING : SqlTokenType.BAREWORD);
        return true;
      case '`':
        if (dialect == SqlDialect.MYSQL || dialect == SqlDialect.H2) {
          readQuoted('`', false, SqlTokenType.BAREWORD);
          return true;
        }
        return single(SqlTokenType.OPERATOR);
      case ';':
        return single(SqlTokenType.SEMICOLON);
      case '(':
        return single(SqlTokenType.LEFT_PAREN);
      case ')':
        return single(SqlTokenType.RIGHT_PAREN);
      case ',':
        return single(SqlTokenType.COMMA);
      case '#':
        if (dialect == SqlDialect.MYSQL) {
          return lineComment();
        }
        return single(SqlTokenType.OPERATOR);
      case '-':
        if (n1 == '-' && (dialect != SqlDialect.MYSQL || pos + 2 >= limit || text.charAt(pos + 2) <= ' ')) {
          return lineComment();
        }
        return operator();
      case '/':
        if (n1 == '*') {
          return blockComment();
        }
        return operator();
      case '*':
        return operator();
      case '@':
        return variable();
      case '?':
        return single(SqlTokenType.VARIABLE);
      case '$':
        return dollar();
      case '.':
        if (n1 >= '0' && n1 <= '9') {
          return number();
        }
        return single(SqlTokenType.DOT);
      default:
        break;
    }
    if (c >= '0' && c <= '9') {
      return number();
    }
    if (isWordStart(c)) {
      return wordOrLiteral();
    }
    if ("=<>!|&^~+%:".indexOf(c) >= 0) {
      return operator();
    }
    return single(SqlTokenType.UNKNOWN);
  }

  private boolean backslashEscapes() {
    return dialect == SqlDialect.MYSQL;
  }

  private boolean single(SqlTokenType t) {
    type = t;
    pos++;
    end = pos;
    return true;
  }

  /**
   * Skips blanks and, for MySQL, the markers of executable comments ({@code /*!50000} and its
   * closing {@code *}{@code /}): their content is SQL, so they read as nothing. A loop, not a
   * recursion, so that a value of thousands of markers cannot overflow the stack (and so slip past
   * the detector, which lets a failing value through).
   */
  private void skipSpace() {
    while (pos < limit) {
      char c = text.charAt(pos);
      if (c <= ' ' || c == '\u00a0' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u3000' || c == '\u00ad'
          || c == '\u200b' || c == '\ufeff') {
        pos++;
      } else if (dialect == SqlDialect.MYSQL && c == '/' && pos + 2 < limit && text.charAt(pos + 1) == '*'
          && text.charAt(pos + 2) == '!') {
        int i = pos + 3;
        int digits = 0;
        while (i < limit && digits < 6 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
          i++;
          digits++;
        }
        pos = i;
        inExecutableComment = true;
      } else if (inExecutableComment && c == '*' && pos + 1 < limit && text.charAt(pos + 1) == '/') {
        inExecutableComment = false;
        pos += 2;
      } else {
        return;
      }
    }
  }

  /** A quoted run from {@code pos} (at the opening quote, or just after it for the start context). */
  private void readQuoted(char quote, boolean backslash, SqlTokenType t) {
    type = t;
    int i = pos;
    if (startsAtQuote) {
      i++; // step over the opening quote
    }
    startsAtQuote = true;
    while (i < limit) {
      char c = text.charAt(i);
      if (backslash && c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < limit && text.charAt(i + 1) == quote) {
          i += 2; // doubled quote: an escaped quote inside the literal
          continue;
        }
        pos = i + 1;
        end = pos;
        return;
      }
      i++;
    }
    pos = limit;
    end = limit;
    unterminated = true;
  }

  // false only for the first token of a lexer started inside a quoted literal
  private boolean startsAtQuote = true;

  private boolean lineComment() {
    type = SqlTokenType.COMMENT;
    int i = pos;
    while (i < limit && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    pos = i;
    end = i;
    return true;
  }

  private boolean blockComment() {
    type = SqlTokenType.COMMENT;
    int i = pos + 2;
    // PostgreSQL nests block comments: /* a /* b */ still a comment */
    int depth = 1;
    boolean nested = dialect == SqlDialect.POSTGRESQL;
    while (i + 1 < limit) {
      char c = text.charAt(i);
      if (c == '*' && text.charAt(i + 1) == '/') {
        i += 2;
        if (--depth == 0) {
          break;
        }
      } else if (nested && c == '/' && text.charAt(i + 1) == '*') {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    if (depth == 0) {
      pos = i;
    } else {
      pos = limit;
      unterminated = true;
    }
    end = pos;
    return true;
  }

  private boolean variable() {
    type = SqlTokenType.VARIABLE;
    int i = pos + 1;
    if (i < limit && text.charAt(i) == '@') {
      i++;
    }
    if (i < limit && (text.charAt(i) == '\'' || text.charAt(i) == '"' || text.charAt(i) == '`')) {
      pos = i;
      int s = start;
      readQuoted(text.charAt(i), backslashEscapes(), SqlTokenType.VARIABLE);
      start = s;
      return true;
    }
    while (i < limit && (isWordPart(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    pos = i;
    end = i;
    word = null;
    return true;
  }

  private boolean dollar() {
    int i = pos + 1;
    if (i < limit && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      while (i < limit && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      type = SqlTokenType.VARIABLE;
      pos = i;
      end = i;
      return true;
    }
    if (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2) {
      // $tag$ ... $tag$ (H2: only $$)
      int tagEnd = i;
      if (dialect == SqlDialect.POSTGRESQL) {
        while (tagEnd < limit && Ascii.isWordChar(text.charAt(tagEnd)) && tagEnd - i < 64) {
          tagEnd++;
        }
      }
      if (tagEnd < limit && text.charAt(tagEnd) == '$') {
        int tagLength = tagEnd - pos + 1; // "$tag$"
        int close = indexOfRegion(tagEnd + 1, pos, tagLength);
        type = SqlTokenType.STRING;
        if (close < 0) {
          pos = limit;
          unterminated = true;
        } else {
          pos = close + tagLength;
        }
        end = pos;
        return true;
      }
    }
    if (i < limit && isWordStart(text.charAt(i))) {
      return wordOrLiteral();
    }
    return single(SqlTokenType.UNKNOWN);
  }

  /**
   * The first index at or after {@code from} where {@code text[tagStart, tagStart+length)} occurs.
   * Linear: a tag is a short run; the scan compares at most the tag's length at each index, and a
   * tag longer than 64 is never formed.
   */
  private int indexOfRegion(int from, int tagStart, int length) {
    for (int i = from; i + length <= limit; i++) {
      boolean match = true;
      for (int k = 0; k < length; k++) {
        if (text.charAt(i + k) != text.charAt(tagStart + k)) {
          match = false;
          break;
        }
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  private boolean number() {
    type = SqlTokenType.NUMBER;
    int i = pos;
    char c = text.charAt(i);
    if (c == '0' && i + 1 < limit
        && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X' || text.charAt(i + 1) == 'b'
            || text.charAt(i + 1) == 'B')) {
      boolean hex = text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X';
      int j = i + 2;
      while (j < limit
          && (hex ? Character.digit(text.charAt(j), 16) >= 0 && text.charAt(j) < 0x80
              : text.charAt(j) == '0' || text.charAt(j) == '1')) {
        j++;
      }
      if (j > i + 2) {
        i = j;
        return finishNumber(i);
      }
    }
    while (i < limit && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    if (i < limit && text.charAt(i) == '.') {
      i++;
      while (i < limit && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
    }
    if (i < limit && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < limit && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      if (j < limit && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
        while (j < limit && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
          j++;
        }
        i = j;
      }
    }
    return finishNumber(i);
  }

  private boolean finishNumber(int i) {
    // "5pm", "2nd", "10px": a word to MySQL, which accepts identifiers that begin with digits
    if (i < limit && isWordPart(text.charAt(i)) && text.charAt(i) != '$') {
      int j = i;
      while (j < limit && isWordPart(text.charAt(j))) {
        j++;
      }
      type = SqlTokenType.BAREWORD;
      pos = j;
      end = j;
      return true;
    }
    pos = i;
    end = i;
    return true;
  }

  private boolean wordOrLiteral() {
    int i = pos;
    char c = text.charAt(i);
    char n1 = i + 1 < limit ? text.charAt(i + 1) : '\0';
    // prefixed string literals: x'..' b'..' n'..' e'..' (E only in PostgreSQL, with backslash escapes)
    if (n1 == '\'' && "xXbBnN".indexOf(c) >= 0
        || n1 == '\'' && (c == 'e' || c == 'E') && dialect == SqlDialect.POSTGRESQL) {
      pos = i + 1;
      boolean backslash = backslashEscapes() || c == 'e' || c == 'E';
      readQuoted('\'', backslash, SqlTokenType.STRING);
      start = i;
      return true;
    }
    while (i < limit && isWordPart(text.charAt(i))) {
      i++;
    }
    int wordEnd = i;
    pos = wordEnd;
    end = wordEnd;
    if (!classifyWords) {
      type = SqlTokenType.BAREWORD;
      return true;
    }
    String logic = SqlWords.LOGIC.find(text, start, wordEnd);
    if (logic != null) {
      type = SqlTokenType.LOGIC_OPERATOR;
      word = logic;
      return true;
    }
    // a name followed by '(' (MySQL allows no space for built-ins; others do; be generous: spaces)
    int j = wordEnd;
    while (j < limit && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    String keyword = SqlWords.KEYWORDS.find(text, start, wordEnd);
    boolean call = j < limit && text.charAt(j) == '(';
    if (call
        && (keyword == null || SqlWords.SQL_FUNCTIONS.contains(text, start, wordEnd)
            || SqlWords.DANGEROUS_FUNCTIONS.contains(text, start, wordEnd))) {
      type = SqlTokenType.FUNCTION;
      word = SqlWords.SQL_FUNCTIONS.find(text, start, wordEnd);
      if (word == null) {
        word = SqlWords.DANGEROUS_FUNCTIONS.find(text, start, wordEnd);
      }
      if (word == null && keyword != null) {
        word = keyword;
      }
      return true;
    }
    if (keyword != null) {
      type = SqlTokenType.KEYWORD;
      word = keyword;
      return true;
    }
    type = SqlTokenType.BAREWORD;
    return true;
  }

  private boolean operator() {
    type = SqlTokenType.OPERATOR;
    char c = text.charAt(pos);
    char n1 = pos + 1 < limit ? text.charAt(pos + 1) : '\0';
    int length = 1;
    if (c == '<' && n1 == '=' && pos + 2 < limit && text.charAt(pos + 2) == '>') {
      length = 3;
    } else if ((c == '<' || c == '>' || c == '!' || c == ':') && n1 == '=' || c == '<' && n1 == '>'
        || c == ':' && n1 == ':' || c == '|' && n1 == '|' || c == '&' && n1 == '&' || c == '<' && n1 == '<'
        || c == '>' && n1 == '>' || c == '-' && n1 == '>' || c == '@' && n1 == '>') {
      length = 2;
    }
    pos += length;
    end = pos;
    if (length == 2 && (c == '&' || c == '|' && dialect == SqlDialect.MYSQL)) {
      type = SqlTokenType.LOGIC_OPERATOR;
      word = c == '&' ? "and" : "or";
    } else if (length == 1 && c == '!' && n1 != '=') {
      type = SqlTokenType.LOGIC_OPERATOR;
      word = "not";
    } else {
      word = comparison(c, n1, length);
    }
    return true;
  }

  /** "=" for comparison operators (any of them), else null: detectors only need to know it compares. */
  private static String comparison(char c, char n1, int length) {
    if (c == '=' || c == '<' && (length == 1 || n1 == '=' || n1 == '>') || c == '>' && (length == 1 || n1 == '=')
        || c == '!' && n1 == '=') {
      return "=";
    }
    return null;
  }

  private static boolean isWordStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 && Character.isLetter(c);
  }

  private static boolean isWordPart(char c) {
    return Ascii.isWordChar(c) || c == '$' || c >= 0x80 && Character.isLetterOrDigit(c);
  }
}
