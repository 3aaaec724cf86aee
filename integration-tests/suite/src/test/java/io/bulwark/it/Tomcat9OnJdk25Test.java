package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat9OnJdk25Test extends ServerContractTest {
  Tomcat9OnJdk25Test() {
    super(ServerKind.TOMCAT_9, 25);
  }
}
