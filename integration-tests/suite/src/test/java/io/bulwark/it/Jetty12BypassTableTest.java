package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jetty12BypassTableTest extends PathBypassTableTest {
  Jetty12BypassTableTest() {
    super(ServerKind.JETTY_12);
  }
}
