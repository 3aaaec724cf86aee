package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat9BypassTableTest extends PathBypassTableTest {
  Tomcat9BypassTableTest() {
    super(ServerKind.TOMCAT_9);
  }
}
