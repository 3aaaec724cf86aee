package io.bulwark.it.sinks;

import io.bulwark.it.support.ServerKind;

/** The sink families on Undertow 2.3 (jakarta), SQL on H2; multipart parts parsed by Undertow. */
class UndertowSinkProtectionTest extends SinkProtectionContract {

  @Override
  ServerKind kind() {
    return ServerKind.UNDERTOW;
  }
}
