package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class UndertowInjectionTest extends InjectionProtectionTest {
  UndertowInjectionTest() {
    super(ServerKind.UNDERTOW, 17);
  }
}
