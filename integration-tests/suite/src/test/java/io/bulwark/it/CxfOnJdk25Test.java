package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class CxfOnJdk25Test extends ServerContractTest {
  CxfOnJdk25Test() {
    super(ServerKind.CXF, 25);
  }
}
