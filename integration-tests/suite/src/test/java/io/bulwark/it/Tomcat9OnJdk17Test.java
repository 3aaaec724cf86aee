package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat9OnJdk17Test extends ServerContractTest {
  Tomcat9OnJdk17Test() {
    super(ServerKind.TOMCAT_9, 17);
  }
}
