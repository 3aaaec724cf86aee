package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jetty12OnJdk25Test extends ServerContractTest {
  Jetty12OnJdk25Test() {
    super(ServerKind.JETTY_12, 25);
  }
}
