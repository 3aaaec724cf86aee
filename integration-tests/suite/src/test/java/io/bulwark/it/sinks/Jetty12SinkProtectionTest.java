package io.bulwark.it.sinks;

import io.bulwark.it.support.ServerKind;

/** The sink families on Jetty 12.1 ee10 (jakarta), SQL on H2; multipart parts parsed by Jetty. */
class Jetty12SinkProtectionTest extends SinkProtectionContract {

  @Override
  ServerKind kind() {
    return ServerKind.JETTY_12;
  }
}
