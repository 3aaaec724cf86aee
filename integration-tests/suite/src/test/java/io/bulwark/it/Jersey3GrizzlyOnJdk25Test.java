package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey3GrizzlyOnJdk25Test extends JerseyGrizzlyContractTest {
  Jersey3GrizzlyOnJdk25Test() {
    super(ServerKind.JERSEY_3_GRIZZLY, 25);
  }
}
