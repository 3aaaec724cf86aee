package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class ResteasyOnJdk11Test extends ServerContractTest {
  ResteasyOnJdk11Test() {
    super(ServerKind.RESTEASY, 11);
  }
}
