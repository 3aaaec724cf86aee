package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat10InjectionTest extends InjectionProtectionTest {
  Tomcat10InjectionTest() {
    super(ServerKind.TOMCAT_10, 17);
  }
}
