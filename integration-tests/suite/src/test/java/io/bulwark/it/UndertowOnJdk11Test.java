package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class UndertowOnJdk11Test extends ServerContractTest {
  UndertowOnJdk11Test() {
    super(ServerKind.UNDERTOW, 11);
  }
}
