package io.bulwark.it.sinks;

import io.bulwark.it.support.ServerKind;
import org.junit.jupiter.api.Test;

/**
 * The sink families on Tomcat 10.1 (jakarta), and SQL also on the real PostgreSQL and MariaDB
 * servers: BULWARK_TEST_POSTGRES / BULWARK_TEST_MARIADB (JDBC URLs, passed on to the app), else the
 * local services (127.0.0.1:5432 db test, trust auth; 127.0.0.1:3306 db test, root without password).
 */
class TomcatSinkProtectionTest extends SinkProtectionContract {

  @Override
  ServerKind kind() {
    return ServerKind.TOMCAT_10;
  }

  @Test
  void sqlInjectionOnPostgresql() throws Exception {
    String exploit = "/sinks/sql/postgres?name=" + encode("x' OR 'a'='a");
    assertExploitWorksWithoutAgent(() -> get(unprotected, exploit), body -> body.equals("alice,bob,carol"));
    assertBlockedAtSink(get(protectedServer, exploit), "sqli", "java.sql.Connection.prepareStatement");
    assertAnswered(get(protectedServer, "/sinks/sql/postgres?name=bob"), "bob");
  }

  @Test
  void sqlInjectionOnMariadbThroughBackslashEscapes() throws Exception {
    // The app doubles quotes; MariaDB reads \' as an escaped quote, so the doubled one closes the string.
    String exploit = "/sinks/sql/mariadb?name=" + encode("\\' OR 1=1 -- ");
    assertExploitWorksWithoutAgent(() -> get(unprotected, exploit), body -> body.equals("alice,bob,carol"));
    assertBlockedAtSink(get(protectedServer, exploit), "sqli", "java.sql.Statement.executeQuery");
    assertAnswered(get(protectedServer, "/sinks/sql/mariadb?name=carol"), "carol");
    assertAnswered(get(protectedServer, "/sinks/sql/mariadb?name=" + encode("O'Brien")), "",
        "a quote the app escaped stays inside the string");
  }
}
