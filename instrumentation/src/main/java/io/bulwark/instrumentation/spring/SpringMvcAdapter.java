package io.bulwark.instrumentation.spring;

import io.bulwark.bridge.Decision;
import io.bulwark.instrumentation.routing.EntryPoint;
import io.bulwark.instrumentation.routing.RoutingDecision;
import io.bulwark.instrumentation.servlet.ServletViews;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Spring MVC: {@code HandlerExecutionChain.applyPreHandle(request, response)}, which DispatcherServlet
 * calls once the handler is chosen and before it runs, for every kind of handler. The best-matching
 * pattern ({@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}) is the route, the handler method
 * the operation. A blocked request gets the problem on the servlet response, and applyPreHandle
 * answers false, which makes DispatcherServlet return without running the handler.
 */
public final class SpringMvcAdapter {

  static final String BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private static final ClassValue<MethodHandle> GET_HANDLER = new ClassValue<MethodHandle>() {
    @Override
    protected MethodHandle computeValue(Class<?> chainType) {
      return getter(chainType, "getHandler", Object.class);
    }
  };
  private static final ClassValue<MethodHandle[]> HANDLER_METHOD = new ClassValue<MethodHandle[]>() {
    @Override
    protected MethodHandle[] computeValue(Class<?> handlerType) {
      MethodHandle method = getter(handlerType, "getMethod", Method.class);
      MethodHandle beanType = getter(handlerType, "getBeanType", Class.class);
      return method == null || beanType == null ? new MethodHandle[0] : new MethodHandle[] {method, beanType};
    }
  };

  private SpringMvcAdapter() {}

  /** Returns {@code Boolean.FALSE} when the request was answered and the handler must not run. */
  public static Object dispatch(Object chain, Object request) throws Throwable {
    EntryPoint entry = EntryPoint.current();
    if (entry == null || !entry.awaitingRouting()) {
      return null; // decided at the servlet entry, or an async/error dispatch of a decided request
    }
    Object pattern = ServletViews.attribute(entry.namespace(), request, BEST_MATCHING_PATTERN);
    String route = pattern == null ? null : pattern.toString();
    String operation = operation(chain);
    Decision decision = RoutingDecision.at(() -> null, route, operation);
    if (decision == null || !decision.blocks()) {
      return null;
    }
    ServletViews.commit(entry.namespace(), entry.response(), decision);
    return Boolean.FALSE;
  }

  /** {@code BeanType#method} of a HandlerMethod; {@code null} for other handlers (static resources). */
  private static String operation(Object chain) throws Throwable {
    MethodHandle getHandler = GET_HANDLER.get(chain.getClass());
    Object handler = getHandler == null ? null : (Object) getHandler.invokeExact(chain);
    if (handler == null) {
      return null;
    }
    MethodHandle[] handles = HANDLER_METHOD.get(handler.getClass());
    if (handles.length == 0) {
      return null;
    }
    Method method = (Method) handles[0].invokeExact(handler);
    Class<?> beanType = (Class<?>) handles[1].invokeExact(handler);
    return beanType.getName() + "#" + method.getName();
  }

  private static MethodHandle getter(Class<?> type, String name, Class<?> returned) {
    try {
      Method method = type.getMethod(name);
      if (!returned.isAssignableFrom(method.getReturnType())) {
        return null;
      }
      return MethodHandles.publicLookup().unreflect(method).asType(MethodType.methodType(returned, Object.class));
    } catch (ReflectiveOperationException | SecurityException e) {
      return null;
    }
  }
}
