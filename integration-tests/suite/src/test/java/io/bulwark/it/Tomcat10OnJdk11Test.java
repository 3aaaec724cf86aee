package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat10OnJdk11Test extends ServerContractTest {
  Tomcat10OnJdk11Test() {
    super(ServerKind.TOMCAT_10, 11);
  }
}
