package io.bulwark.instrumentation.routing;

import io.bulwark.bridge.DispatchHooks;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into a framework's dispatch method (JAX-RS resource method invokers): asks the bridge,
 * and when Bulwark answers the request, skips the method and returns that answer instead.
 */
public final class DispatchAdvice {

  /** Bound to the adapter's name ({@code jersey}, {@code resteasy}, {@code cxf}) when woven. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  public @interface Framework {}

  private DispatchAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  public static Object enter(@Framework String framework, @Advice.This Object self,
      @Advice.Argument(0) Object context) {
    return DispatchHooks.dispatch(framework, self, context);
  }

  /**
   * Returns Bulwark's answer instead of the method's; and when a sink blocked the request inside
   * the method on a server without servlets (Jersey on Grizzly), the 403 instead of the error, so
   * the framework writes it as any response (under a servlet the servlet's advice answers it).
   */
  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Framework String framework, @Advice.This Object self,
      @Advice.Argument(0) Object context, @Advice.Enter Object answer,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (answer != null) {
      returned = answer;
    } else if (thrown != null) {
      Object blocked = DispatchHooks.blocked(framework, self, context, thrown);
      if (blocked != null) {
        returned = blocked;
        thrown = null;
      }
    }
  }
}
