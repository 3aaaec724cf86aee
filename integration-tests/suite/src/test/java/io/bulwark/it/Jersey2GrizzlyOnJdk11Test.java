package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey2GrizzlyOnJdk11Test extends JerseyGrizzlyContractTest {
  Jersey2GrizzlyOnJdk11Test() {
    super(ServerKind.JERSEY_2_GRIZZLY, 11);
  }
}
