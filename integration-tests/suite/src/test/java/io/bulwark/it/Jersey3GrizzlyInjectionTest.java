package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Jersey3GrizzlyInjectionTest extends JaxRsInjectionTest {
  Jersey3GrizzlyInjectionTest() {
    super(ServerKind.JERSEY_3_GRIZZLY, false);
  }
}
