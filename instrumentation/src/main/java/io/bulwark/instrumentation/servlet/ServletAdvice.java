package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.ServletHooks;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

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

  /**
   * Returns true to skip the method body: Bulwark has answered the request. Otherwise the method
   * goes on with the request Bulwark gives it: the container's, or a wrapper that replays a body
   * Bulwark has read.
   */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  public static boolean enter(@Namespace String namespace, @Advice.This Object self,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request,
      @Advice.Argument(1) Object response) {
    boolean answered = ServletHooks.enter(namespace, self, request, response);
    request = ServletHooks.request(request);
    return answered;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = ServletHooks.exit(request, response, thrown);
  }
}
