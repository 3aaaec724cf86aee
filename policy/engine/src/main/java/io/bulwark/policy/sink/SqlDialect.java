package io.bulwark.policy.sink;

import java.util.Locale;

/** How a database reads SQL text: which quotes escape with a backslash, which comments exist. */
enum SqlDialect {
  /** Standard SQL: '' inside strings, "" identifiers, -- and block comments. */
  ANSI,
  /** MySQL and MariaDB: backslash escapes in '...' and "..." strings, # and "-- " comments, backticks. */
  MYSQL,
  /** PostgreSQL: $tag$ dollar quoting, E'...' strings with backslash escapes, nested block comments. */
  POSTGRESQL,
  /** H2: standard SQL plus $$...$$ strings. */
  H2;

  /** The dialect of a JDBC URL ({@code jdbc:postgresql:...}) or driver class name; ANSI when unknown. */
  static SqlDialect of(String urlOrClassName) {
    if (urlOrClassName == null) {
      return ANSI;
    }
    String s = urlOrClassName.toLowerCase(Locale.ROOT);
    if (s.startsWith("jdbc:mysql") || s.startsWith("jdbc:mariadb") || s.startsWith("org.mariadb.")
        || s.startsWith("com.mysql.")) {
      return MYSQL;
    }
    if (s.startsWith("jdbc:postgresql") || s.startsWith("org.postgresql.") || s.startsWith("jdbc:pgsql")
        || s.startsWith("com.impossibl.postgres.")) {
      return POSTGRESQL;
    }
    if (s.startsWith("jdbc:h2") || s.startsWith("org.h2.")) {
      return s.contains("mode=mysql") || s.contains("mode=mariadb") ? MYSQL : H2;
    }
    return ANSI;
  }

  /** Whether a class name alone tells the dialect (a driver's own class, not a pool's wrapper). */
  static boolean knownByClassName(String className) {
    return of(className) != ANSI && !className.startsWith("org.h2.");
  }
}
