package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat11OnJdk25Test extends ServerContractTest {
  Tomcat11OnJdk25Test() {
    super(ServerKind.TOMCAT_11, 25);
  }
}
