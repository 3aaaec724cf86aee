package io.bulwark.instrumentation.spring;

import io.bulwark.bridge.DispatchHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HandlerExecutionChain.applyPreHandle}: false (handler skipped) when Bulwark answered. */
public final class SpringMvcAdvice {

  private SpringMvcAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  public static Object enter(@Advice.This Object chain, @Advice.Argument(0) Object request) {
    return DispatchHooks.dispatch("spring-mvc", chain, request);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Enter Object answer, @Advice.Return(readOnly = false) boolean proceed) {
    if (answer != null) {
      proceed = false;
    }
  }
}
