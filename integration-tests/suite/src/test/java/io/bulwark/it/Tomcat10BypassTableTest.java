package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat10BypassTableTest extends PathBypassTableTest {
  Tomcat10BypassTableTest() {
    super(ServerKind.TOMCAT_10);
  }
}
