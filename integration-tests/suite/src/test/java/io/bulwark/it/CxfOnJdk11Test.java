package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class CxfOnJdk11Test extends ServerContractTest {
  CxfOnJdk11Test() {
    super(ServerKind.CXF, 11);
  }
}
