package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class UndertowOnJdk25Test extends ServerContractTest {
  UndertowOnJdk25Test() {
    super(ServerKind.UNDERTOW, 25);
  }
}
