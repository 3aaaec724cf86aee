package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat10OnJdk17Test extends ServerContractTest {
  Tomcat10OnJdk17Test() {
    super(ServerKind.TOMCAT_10, 17);
  }
}
