package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey2GrizzlyOnJdk17Test extends JerseyGrizzlyContractTest {
  Jersey2GrizzlyOnJdk17Test() {
    super(ServerKind.JERSEY_2_GRIZZLY, 17);
  }
}
