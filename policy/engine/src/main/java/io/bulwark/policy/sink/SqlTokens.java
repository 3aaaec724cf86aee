package io.bulwark.policy.sink;

/**
 * The tokens of one SQL text, as start and end offsets (whitespace is not a token). A hand-written
 * linear scanner: each character is looked at a bounded number of times, an unterminated string or
 * comment runs to the end of the text, and nothing throws for any input.
 */
final class SqlTokens {

  static final byte WORD = 1;
  static final byte NUMBER = 2;
  static final byte STRING = 3;
  static final byte QUOTED_NAME = 4;
  static final byte COMMENT = 5;
  static final byte SYMBOL = 6;

  /** The text is cut to this many tokens; a longer statement is checked up to there. */
  static final int MAX_TOKENS = 4096;

  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private byte[] types = new byte[32];
  private int count;

  int count() {
    return count;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  byte type(int i) {
    return types[i];
  }

  /** The index of the first token that ends after {@code offset}, or {@link #count()}. */
  int firstEndingAfter(int offset) {
    int low = 0;
    int high = count;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ends[mid] <= offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  static SqlTokens of(String sql, SqlDialect dialect) {
    SqlTokens tokens = new SqlTokens();
    tokens.scan(sql, dialect);
    return tokens;
  }

  private void scan(String sql, SqlDialect dialect) {
    int n = sql.length();
    int i = 0;
    while (i < n && count < MAX_TOKENS) {
      char c = sql.charAt(i);
      if (c <= ' ') {
        i++;
        continue;
      }
      int start = i;
      byte type;
      if (c == '\'') {
        i = quoted(sql, i + 1, '\'', dialect == SqlDialect.MYSQL);
        type = STRING;
      } else if ((c == 'E' || c == 'e') && dialect == SqlDialect.POSTGRESQL && i + 1 < n && sql.charAt(i + 1) == '\'') {
        i = quoted(sql, i + 2, '\'', true);
        type = STRING;
      } else if (c == '"') {
        boolean mysql = dialect == SqlDialect.MYSQL;
        i = quoted(sql, i + 1, '"', mysql);
        type = mysql ? STRING : QUOTED_NAME;
      } else if (c == '`') {
        i = quoted(sql, i + 1, '`', false);
        type = QUOTED_NAME;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
          && (dialect != SqlDialect.MYSQL || i + 2 >= n || sql.charAt(i + 2) <= ' ')) {
        i = lineEnd(sql, i);
        type = COMMENT;
      } else if (c == '#' && dialect == SqlDialect.MYSQL) {
        i = lineEnd(sql, i);
        type = COMMENT;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockCommentEnd(sql, i, dialect == SqlDialect.POSTGRESQL);
        type = COMMENT;
      } else if (c == '$' && (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2) && dollarTagEnd(sql, i) > 0) {
        int tagEnd = dollarTagEnd(sql, i);
        int close = sql.indexOf(sql.substring(i, tagEnd), tagEnd);
        i = close < 0 ? n : close + (tagEnd - i);
        type = STRING;
      } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))) {
        i = numberEnd(sql, i);
        type = NUMBER;
      } else if (isWordStart(c)) {
        i++;
        while (i < n && isWordPart(sql.charAt(i))) {
          i++;
        }
        type = WORD;
      } else {
        i++;
        type = SYMBOL;
      }
      add(start, i, type);
    }
  }

  private void add(int start, int end, byte type) {
    if (count == starts.length) {
      int size = count * 2;
      starts = java.util.Arrays.copyOf(starts, size);
      ends = java.util.Arrays.copyOf(ends, size);
      types = java.util.Arrays.copyOf(types, size);
    }
    starts[count] = start;
    ends[count] = end;
    types[count] = type;
    count++;
  }

  /** The offset after the closing quote of a quoted run starting at {@code i} (after the opening one). */
  private static int quoted(String sql, int i, char quote, boolean backslashEscapes) {
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < n && sql.charAt(i + 1) == quote) {
          i += 2; // doubled quote: an escaped quote
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private static int lineEnd(String sql, int i) {
    int n = sql.length();
    while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private static int blockCommentEnd(String sql, int i, boolean nested) {
    int n = sql.length();
    int depth = 0;
    while (i < n) {
      if (i + 1 < n && sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
        depth = nested || depth == 0 ? depth + 1 : depth;
        i += 2;
      } else if (i + 1 < n && sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** For {@code $tag$} at {@code i}: the offset after the second {@code $}; 0 when this is no dollar quote. */
  private static int dollarTagEnd(String sql, int i) {
    int n = sql.length();
    int j = i + 1;
    if (j < n && isDigit(sql.charAt(j))) {
      return 0; // $1: a positional parameter
    }
    while (j < n && j - i <= 64 && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    return j < n && sql.charAt(j) == '$' ? j + 1 : 0;
  }

  private static int numberEnd(String sql, int i) {
    int n = sql.length();
    if (i + 1 < n && sql.charAt(i) == '0' && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
      i += 2;
      while (i < n && Character.digit(sql.charAt(i), 16) >= 0) {
        i++;
      }
      return i;
    }
    while (i < n && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
      i++;
    }
    if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
        j++;
      }
      if (j < n && isDigit(sql.charAt(j))) {
        i = j;
        while (i < n && isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isLetter(c));
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c) || c == '$' || (c > 127 && Character.isLetterOrDigit(c));
  }
}
