package io.bulwark.it;

import io.bulwark.it.support.ServerKind;

class Tomcat9InjectionTest extends InjectionProtectionTest {
  Tomcat9InjectionTest() {
    super(ServerKind.TOMCAT_9, 11);
  }
}
