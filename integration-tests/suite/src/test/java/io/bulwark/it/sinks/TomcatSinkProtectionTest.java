package io.bulwark.it.sinks;

import io.bulwark.it.support.ServerKind;

/** The sink families on Tomcat 10.1 (jakarta), with SQL on H2, the local PostgreSQL and MariaDB. */
class TomcatSinkProtectionTest extends SinkProtectionContract {

  @Override
  ServerKind kind() {
    return ServerKind.TOMCAT_10;
  }

  @Override
  boolean realDatabases() {
    return true;
  }
}
