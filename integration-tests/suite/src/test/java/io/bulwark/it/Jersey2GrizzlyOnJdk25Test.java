package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey2GrizzlyOnJdk25Test extends JerseyGrizzlyContractTest {
  Jersey2GrizzlyOnJdk25Test() {
    super(ServerKind.JERSEY_2_GRIZZLY, 25);
  }
}
