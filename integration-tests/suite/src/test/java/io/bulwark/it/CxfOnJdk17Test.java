package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class CxfOnJdk17Test extends ServerContractTest {
  CxfOnJdk17Test() {
    super(ServerKind.CXF, 17);
  }
}
