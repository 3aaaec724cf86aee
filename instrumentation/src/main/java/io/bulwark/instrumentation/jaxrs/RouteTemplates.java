package io.bulwark.instrumentation.jaxrs;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route template of a resource method: the {@code @Path} of its class joined with its own, as
 * JAX-RS reads them (a method's annotations may sit on the interface or superclass it implements).
 * Computed once per method; the engine normalizes the result (variables, slashes).
 */
final class RouteTemplates {

  private static final String NONE = "\0";

  private static final ClassValue<ConcurrentHashMap<Method, String>> CACHE =
      new ClassValue<ConcurrentHashMap<Method, String>>() {
        @Override
        protected ConcurrentHashMap<Method, String> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private RouteTemplates() {}

  /** {@code /users/{id}}, or {@code null} when neither the class nor the method has a {@code @Path}. */
  static String of(JaxRsApi api, Class<?> resource, Method method) throws Throwable {
    ConcurrentHashMap<Method, String> cache = CACHE.get(resource);
    String template = cache.get(method);
    if (template == null) {
      template = compute(api, resource, method);
      cache.put(method, template == null ? NONE : template);
    }
    return NONE.equals(template) ? null : template;
  }

  static String operation(Class<?> resource, Method method) {
    return resource.getName() + "#" + method.getName();
  }

  private static String compute(JaxRsApi api, Class<?> resource, Method method) throws Throwable {
    String outer = classPath(api, resource);
    String inner = methodPath(api, resource, method);
    if (outer == null && inner == null) {
      return null;
    }
    String joined = outer == null ? inner : inner == null ? outer : outer + "/" + inner;
    return joined.startsWith("/") ? joined : "/" + joined;
  }

  private static String classPath(JaxRsApi api, Class<?> type) throws Throwable {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      String path = api.path(c);
      if (path != null) {
        return path;
      }
      for (Class<?> i : c.getInterfaces()) {
        path = api.path(i);
        if (path != null) {
          return path;
        }
      }
    }
    return null;
  }

  private static String methodPath(JaxRsApi api, Class<?> resource, Method method) throws Throwable {
    String path = api.path(method);
    if (path != null) {
      return path;
    }
    for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
      path = declared(api, c, method);
      if (path != null) {
        return path;
      }
      for (Class<?> i : c.getInterfaces()) {
        path = declared(api, i, method);
        if (path != null) {
          return path;
        }
      }
    }
    return null;
  }

  private static String declared(JaxRsApi api, Class<?> owner, Method method) throws Throwable {
    try {
      return api.path(owner.getDeclaredMethod(method.getName(), method.getParameterTypes()));
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
