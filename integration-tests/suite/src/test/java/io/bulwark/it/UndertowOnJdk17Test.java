package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class UndertowOnJdk17Test extends ServerContractTest {
  UndertowOnJdk17Test() {
    super(ServerKind.UNDERTOW, 17);
  }
}
