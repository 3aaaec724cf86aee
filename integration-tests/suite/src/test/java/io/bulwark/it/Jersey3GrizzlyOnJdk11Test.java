package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey3GrizzlyOnJdk11Test extends JerseyGrizzlyContractTest {
  Jersey3GrizzlyOnJdk11Test() {
    super(ServerKind.JERSEY_3_GRIZZLY, 11);
  }
}
