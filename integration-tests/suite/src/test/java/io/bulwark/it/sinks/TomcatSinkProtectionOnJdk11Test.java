package io.bulwark.it.sinks;

import io.bulwark.it.support.ServerKind;

/** The sink families on Tomcat 10.1 running on JDK 11 (the JDK's own sinks differ between releases). */
class TomcatSinkProtectionOnJdk11Test extends SinkProtectionContract {

  @Override
  ServerKind kind() {
    return ServerKind.TOMCAT_10;
  }

  @Override
  int jdk() {
    return 11;
  }

  @Override
  boolean withTwinWithoutAgent() {
    return false;
  }
}
