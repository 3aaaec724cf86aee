package io.bulwark.instrumentation.jaxrs;

import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.instrumentation.routing.EntryPoint;
import io.bulwark.instrumentation.routing.RoutingDecision;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * RESTEasy: {@code ResourceMethodInvoker.invoke(HttpRequest, HttpResponse[, target])}, called once
 * the resource method is matched, before the resource is created. A blocked request is answered
 * with a {@code BuiltResponse} (what {@code Response.status(..).build()} makes in RESTEasy), which
 * RESTEasy writes as any other response.
 */
public final class ResteasyAdapter {

  private static final ClassValue<Handles> HANDLES = PerClass.required("RESTEasy", Handles::new);

  private ResteasyAdapter() {}

  /** Returns the BuiltResponse to answer with, or {@code null} to invoke the resource method. */
  public static Object dispatch(Object invoker, Object httpRequest) throws Throwable {
    Handles h = HANDLES.get(invoker.getClass());
    if (h.getAttribute.invokeExact(httpRequest, JaxRsDispatch.ROUTED) != null) {
      return null;
    }
    h.setAttribute.invokeExact(httpRequest, JaxRsDispatch.ROUTED, (Object) Boolean.TRUE);
    Class<?> resource = (Class<?>) h.resourceClass.invokeExact(invoker);
    Method method = (Method) h.method.invokeExact(invoker);
    String route = RouteTemplates.of(h.api, resource, method);
    String operation = RouteTemplates.operation(resource, method);
    boolean servletEvaluated = h.getAttribute.invokeExact(httpRequest, EntryPoint.EVALUATED_ATTRIBUTE) != null;
    Decision decision = RoutingDecision.at(() -> new View(h, httpRequest, route, operation), route, operation,
        servletEvaluated);
    if (decision == null || !decision.blocks()) {
      return null;
    }
    return JaxRsDispatch.response(h.api, decision);
  }

  /** RESTEasy's {@code HttpRequest}, for RESTEasy on a server without servlets (Netty, Vert.x). */
  private static final class View implements RequestView {
    private final Handles h;
    private final Object request;
    private final String route;
    private final String operation;

    View(Handles h, Object request, String route, String operation) {
      this.h = h;
      this.request = request;
      this.route = route;
      this.operation = operation;
    }

    private URI uri() {
      try {
        return (URI) h.api.requestUri.invokeExact(h.uri.invokeExact(request));
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }

    @Override
    public String method() {
      try {
        return (String) h.httpMethod.invokeExact(request);
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }

    @Override public String rawPath() { return uri().getRawPath(); }
    @Override public String containerPath() { return uri().getPath(); }
    @Override public String rawQuery() { return uri().getRawQuery(); }
    @Override public String scheme() { return uri().getScheme(); }

    @Override
    public String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> headers(String name) {
      try {
        List<?> values = (List<?>) h.requestHeader.invokeExact(h.httpHeaders.invokeExact(request), name);
        List<String> copy = new ArrayList<>(values == null ? 0 : values.size());
        if (values != null) {
          values.forEach(v -> copy.add(String.valueOf(v)));
        }
        return copy;
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }

    @Override
    public String remoteAddress() {
      try {
        return (String) h.remoteAddress.invokeExact(request);
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }

    @Override
    public X509Certificate[] clientCertificates() {
      try {
        for (String name : NativeRequests.CERTIFICATE_ATTRIBUTES) {
          Object chain = (Object) h.getAttribute.invokeExact(request, name);
          if (chain instanceof X509Certificate[]) {
            return (X509Certificate[]) chain;
          }
        }
        return null;
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }

    @Override
    public void publish(String name, Object value) {
      try {
        h.setAttribute.invokeExact(request, name, value);
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }

    @Override public boolean routed() { return true; }
    @Override public String route() { return route; }
    @Override public String operation() { return operation; }
  }

  private static final class Handles {
    final JaxRsApi api;
    final MethodHandle resourceClass;
    final MethodHandle method;
    final MethodHandle getAttribute;
    final MethodHandle setAttribute;
    final MethodHandle httpMethod;
    final MethodHandle uri;
    final MethodHandle httpHeaders;
    final MethodHandle requestHeader;
    final MethodHandle remoteAddress;

    Handles(Class<?> invokerType) throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      ClassLoader loader = invokerType.getClassLoader();
      api = JaxRsApi.of(invokerType);
      Class<?> request = Class.forName("org.jboss.resteasy.spi.HttpRequest", false, loader);
      Class<?> uriInfo = Class.forName(api.namespace + ".core.UriInfo", false, loader);
      Class<?> headers = Class.forName(api.namespace + ".core.HttpHeaders", false, loader);
      resourceClass = lookup.findVirtual(invokerType, "getResourceClass", MethodType.methodType(Class.class))
          .asType(MethodType.methodType(Class.class, Object.class));
      method = lookup.findVirtual(invokerType, "getMethod", MethodType.methodType(Method.class))
          .asType(MethodType.methodType(Method.class, Object.class));
      getAttribute = lookup.findVirtual(request, "getAttribute", MethodType.methodType(Object.class, String.class))
          .asType(MethodType.methodType(Object.class, Object.class, String.class));
      setAttribute = lookup.findVirtual(request, "setAttribute",
              MethodType.methodType(void.class, String.class, Object.class))
          .asType(MethodType.methodType(void.class, Object.class, String.class, Object.class));
      httpMethod = lookup.findVirtual(request, "getHttpMethod", MethodType.methodType(String.class))
          .asType(MethodType.methodType(String.class, Object.class));
      uri = lookup.findVirtual(request, "getUri", MethodType.methodType(uriInfo))
          .asType(MethodType.methodType(Object.class, Object.class));
      httpHeaders = lookup.findVirtual(request, "getHttpHeaders", MethodType.methodType(headers))
          .asType(MethodType.methodType(Object.class, Object.class));
      requestHeader = lookup.findVirtual(headers, "getRequestHeader", MethodType.methodType(List.class, String.class))
          .asType(MethodType.methodType(List.class, Object.class, String.class));
      remoteAddress = lookup.findVirtual(request, "getRemoteAddress", MethodType.methodType(String.class))
          .asType(MethodType.methodType(String.class, Object.class));
    }
  }
}
