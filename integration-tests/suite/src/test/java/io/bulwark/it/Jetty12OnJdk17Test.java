package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jetty12OnJdk17Test extends ServerContractTest {
  Jetty12OnJdk17Test() {
    super(ServerKind.JETTY_12, 17);
  }
}
