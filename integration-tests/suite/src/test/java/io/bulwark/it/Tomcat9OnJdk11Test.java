package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat9OnJdk11Test extends ServerContractTest {
  Tomcat9OnJdk11Test() {
    super(ServerKind.TOMCAT_9, 11);
  }
}
