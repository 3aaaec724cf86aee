package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey3GrizzlyOnJdk17Test extends JerseyGrizzlyContractTest {
  Jersey3GrizzlyOnJdk17Test() {
    super(ServerKind.JERSEY_3_GRIZZLY, 17);
  }
}
