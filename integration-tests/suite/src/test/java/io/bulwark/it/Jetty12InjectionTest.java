package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jetty12InjectionTest extends InjectionProtectionTest {
  Jetty12InjectionTest() {
    super(ServerKind.JETTY_12, 17);
  }
}
