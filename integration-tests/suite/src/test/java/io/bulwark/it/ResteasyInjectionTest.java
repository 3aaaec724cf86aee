package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class ResteasyInjectionTest extends JaxRsInjectionTest {
  ResteasyInjectionTest() {
    super(ServerKind.RESTEASY, true);
  }
}
