package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class SpringBootBypassTableTest extends PathBypassTableTest {
  SpringBootBypassTableTest() {
    super(ServerKind.SPRING_BOOT);
  }
}
