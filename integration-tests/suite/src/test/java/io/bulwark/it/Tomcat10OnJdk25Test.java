package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat10OnJdk25Test extends ServerContractTest {
  Tomcat10OnJdk25Test() {
    super(ServerKind.TOMCAT_10, 25);
  }
}
