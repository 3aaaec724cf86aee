package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class ResteasyOnJdk17Test extends ServerContractTest {
  ResteasyOnJdk17Test() {
    super(ServerKind.RESTEASY, 17);
  }
}
