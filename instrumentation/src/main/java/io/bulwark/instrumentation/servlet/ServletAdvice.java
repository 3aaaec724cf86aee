package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.ServletHooks;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Filter.doFilter} and {@code Servlet.service}. It only calls the bootstrap
 * bridge: the application's class loader can see nothing else of Bulwark.
 */
public final class ServletAdvice {

  /** Bound to "javax.servlet" or "jakarta.servlet" when the advice is woven. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  public @interface Namespace {}

  private ServletAdvice() {}

  /** Returns true to skip the method body: Bulwark has answered the request. */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  public static boolean enter(@Namespace String namespace, @Advice.This Object self,
      @Advice.Argument(0) Object request, @Advice.Argument(1) Object response) {
    return ServletHooks.enter(namespace, self, request, response);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = ServletHooks.exit(request, response, thrown);
  }
}
