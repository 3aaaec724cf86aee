package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class ResteasyOnJdk25Test extends ServerContractTest {
  ResteasyOnJdk25Test() {
    super(ServerKind.RESTEASY, 25);
  }
}
