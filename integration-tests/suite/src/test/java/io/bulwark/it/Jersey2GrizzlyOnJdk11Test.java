package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey2GrizzlyOnJdk11Test extends ServerContractTest {
  Jersey2GrizzlyOnJdk11Test() {
    super(ServerKind.JERSEY_2_GRIZZLY, 11);
  }
}
