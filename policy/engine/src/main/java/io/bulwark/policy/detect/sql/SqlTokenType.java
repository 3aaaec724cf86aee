package io.bulwark.policy.detect.sql;

/** What a {@link SqlToken} is. */
public enum SqlTokenType {
  /** A string literal, including {@code x'..'}, {@code N'..'}, {@code E'..'} and dollar-quoted ones. */
  STRING,
  /** A numeric literal: {@code 42}, {@code 1.5e3}, {@code 0x7f}, {@code 0b101}. */
  NUMBER,
  /** A name that is no keyword: a table, a column, a quoted identifier, or a word of prose. */
  BAREWORD,
  /** A reserved word of SQL ({@code select}, {@code union}, {@code from}, {@code null}, ...). */
  KEYWORD,
  /** {@code and or xor not && ||} (the last only in MySQL, where it means or). */
  LOGIC_OPERATOR,
  /** A comparison or arithmetic operator: {@code = <> != < <= > >= <=> + - * / % | & ^ ~ ! :: :=}. */
  OPERATOR,
  /** A name directly followed by {@code (}: a function call such as {@code sleep(} or {@code count(}. */
  FUNCTION,
  /** A comment: {@code -- ...}, {@code # ...} (MySQL), {@code /* ... *}{@code /}. */
  COMMENT,
  /** A user or system variable ({@code @x}, {@code @@version}) or a positional parameter ({@code $1}, {@code ?}). */
  VARIABLE,
  SEMICOLON,
  LEFT_PAREN,
  RIGHT_PAREN,
  COMMA,
  DOT,
  /** Any other character. */
  UNKNOWN
}
