package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat11OnJdk17Test extends ServerContractTest {
  Tomcat11OnJdk17Test() {
    super(ServerKind.TOMCAT_11, 17);
  }
}
