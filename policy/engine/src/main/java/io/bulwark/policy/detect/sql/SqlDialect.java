package io.bulwark.policy.detect.sql;

/** The SQL spellings {@link SqlLexer} knows; they differ in strings, comments and quoting. */
public enum SqlDialect {
  /**
   * Standard SQL: {@code '...'} strings with doubled quotes, {@code "..."} identifiers, {@code --} and
   * {@code /* *}{@code /} comments.
   */
  ANSI,
  /**
   * MySQL and MariaDB: backslash escapes in strings, {@code "..."} strings, {@code `...`}
   * identifiers, {@code #} and {@code -- } (dash dash space) comments, and {@code /*! ... *}{@code /}
   * comments whose content the server executes.
   */
  MYSQL,
  /**
   * PostgreSQL: {@code $tag$...$tag$} dollar quoting, {@code E'...'} strings with backslash escapes,
   * {@code ::} casts.
   */
  POSTGRESQL,
  /** H2: ANSI plus {@code $$...$$} strings and {@code `...`} identifiers (MySQL mode). */
  H2
}
