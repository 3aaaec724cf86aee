package io.bulwark.policy.sink;

import java.sql.Connection;
import java.sql.Statement;
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
    if (SqlDialect.knownByClassName(type.getName())) {
      SqlDialect dialect = SqlDialect.of(type.getName());
      if (BY_CLASS.size() < MAX_CACHED) {
        BY_CLASS.put(type, dialect);
      }
      return dialect;
    }
    return SqlDialect.of(url(target));
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
