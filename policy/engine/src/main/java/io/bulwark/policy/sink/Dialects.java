package io.bulwark.policy.sink;

import io.bulwark.policy.detect.sql.SqlDialect;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL dialect of a JDBC connection or statement: from the driver's class name when that tells
 * (PostgreSQL, MySQL, MariaDB drivers), else from the connection's URL. A pool's wrapper class
 * (HikariCP, DBCP) tells nothing, and a wrapper may serve several databases; its URL is read per
 * call, which stays cheap because a dialect is only needed when an input occurs in the SQL.
 */
final class Dialects {

  private static final int MAX_CACHED = 256;
  private static final ConcurrentHashMap<Class<?>, SqlDialect> BY_CLASS = new ConcurrentHashMap<>();

  private Dialects() {}

  static SqlDialect of(Object target) {
    if (target == null) {
      return SqlDialect.ANSI;
    }
    Class<?> type = target.getClass();
    SqlDialect known = BY_CLASS.get(type);
    if (known != null) {
      return known;
    }
    if (knownByClassName(type.getName())) {
      SqlDialect dialect = ofName(type.getName());
      if (BY_CLASS.size() < MAX_CACHED) {
        BY_CLASS.put(type, dialect);
      }
      return dialect;
    }
    return ofName(url(target));
  }

  /** The dialect of a JDBC URL ({@code jdbc:postgresql:...}) or driver class name; ANSI when unknown. */
  static SqlDialect ofName(String urlOrClassName) {
    if (urlOrClassName == null) {
      return SqlDialect.ANSI;
    }
    String s = urlOrClassName.toLowerCase(Locale.ROOT);
    if (s.startsWith("jdbc:mysql") || s.startsWith("jdbc:mariadb") || s.startsWith("org.mariadb.")
        || s.startsWith("com.mysql.")) {
      return SqlDialect.MYSQL;
    }
    if (s.startsWith("jdbc:postgresql") || s.startsWith("org.postgresql.") || s.startsWith("jdbc:pgsql")
        || s.startsWith("com.impossibl.postgres.")) {
      return SqlDialect.POSTGRESQL;
    }
    if (s.startsWith("jdbc:h2") || s.startsWith("org.h2.")) {
      return s.contains("mode=mysql") || s.contains("mode=mariadb") ? SqlDialect.MYSQL : SqlDialect.H2;
    }
    return SqlDialect.ANSI;
  }

  /** Whether a class name alone tells the dialect (a driver's own class, not a pool's wrapper). */
  static boolean knownByClassName(String className) {
    return ofName(className) != SqlDialect.ANSI && !className.startsWith("org.h2.");
  }

  private static String url(Object target) {
    try {
      Connection connection = target instanceof Connection ? (Connection) target
          : target instanceof Statement ? ((Statement) target).getConnection() : null;
      return connection == null ? null : connection.getMetaData().getURL();
    } catch (Exception | LinkageError e) {
      return null;
    }
  }
}
