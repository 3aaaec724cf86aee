package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class SpringBootInjectionTest extends InjectionProtectionTest {
  SpringBootInjectionTest() {
    super(ServerKind.SPRING_BOOT, 17);
  }
}
