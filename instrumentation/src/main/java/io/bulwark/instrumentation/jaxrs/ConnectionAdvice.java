package io.bulwark.instrumentation.jaxrs;

import io.bulwark.bridge.DispatchHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a non-servlet server's handler (Jersey's Grizzly container): keeps the native request
 * on the thread while Jersey routes it, for what JAX-RS does not expose (the peer's address).
 */
public final class ConnectionAdvice {

  private ConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.Argument(0) Object nativeRequest, @Advice.Argument(1) Object nativeResponse) {
    DispatchHooks.connectionOpened(nativeRequest, nativeResponse);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit() {
    DispatchHooks.connectionClosed();
  }
}
