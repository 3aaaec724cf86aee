package io.bulwark.it.sinks;

import io.bulwark.it.support.ServerKind;

/** The sink families on a Spring Boot 3.5 fat jar (Spring MVC, embedded Tomcat), SQL on H2. */
class SpringBootSinkProtectionTest extends SinkProtectionContract {

  @Override
  ServerKind kind() {
    return ServerKind.SPRING_BOOT;
  }
}
