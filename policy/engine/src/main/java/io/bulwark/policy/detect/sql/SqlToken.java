package io.bulwark.policy.detect.sql;

/**
 * One token of SQL text: its type and where it is ({@code [start, end)} in the lexed text). For
 * keywords, logic operators and functions whose name is a keyword or a known function, {@link
 * #word()} is the lower-case name; otherwise it is {@code null} (read the text with {@link
 * #text(CharSequence)}).
 */
public final class SqlToken {

  private final SqlTokenType type;
  private final int start;
  private final int end;
  private final String word;
  private final boolean unterminated;

  public SqlToken(SqlTokenType type, int start, int end, String word, boolean unterminated) {
    this.type = type;
    this.start = start;
    this.end = end;
    this.word = word;
    this.unterminated = unterminated;
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

  /** The lower-case keyword, operator or known function name, or {@code null}. */
  public String word() {
    return word;
  }

  /** A string, quoted identifier or block comment that runs to the end of the text without closing. */
  public boolean unterminated() {
    return unterminated;
  }

  public boolean is(SqlTokenType t, String w) {
    return type == t && w.equals(word);
  }

  public String text(CharSequence source) {
    return source.subSequence(start, end).toString();
  }

  @Override
  public String toString() {
    return type + (word == null ? "" : "(" + word + ")") + "[" + start + "," + end + ")";
  }
}
