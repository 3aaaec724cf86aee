package io.bulwark.instrumentation.jaxrs;

import io.bulwark.bridge.Decision;
import io.bulwark.instrumentation.routing.RoutingDecision;
import io.bulwark.instrumentation.servlet.ServletViews;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Apache CXF: {@code JAXRSInvoker.invoke(Exchange, Object)}, called once CXF has selected the
 * resource method ({@code OperationResourceInfo} in the exchange). A blocked request is answered
 * the way CXF answers a request a {@code ContainerRequestFilter} aborted: the Response is put into
 * the exchange, and the invoker returns it instead of calling the resource.
 */
public final class CxfAdapter {

  private static final ClassValue<Handles> HANDLES = PerClass.required("CXF", Handles::new);

  private CxfAdapter() {}

  /** Puts the blocking Response into the exchange when the request is refused; always returns null. */
  @SuppressWarnings("unchecked")
  public static Object dispatch(Object invoker, Object exchange) throws Throwable {
    Map<String, Object> properties = (Map<String, Object>) exchange;
    if (properties.putIfAbsent(JaxRsDispatch.ROUTED, Boolean.TRUE) != null) {
      return null;
    }
    Handles h = HANDLES.get(invoker.getClass());
    Object operationInfo = h.get.invokeExact(exchange, h.operationResourceInfo);
    if (operationInfo == null) {
      return null;
    }
    Method method = (Method) h.annotatedMethod.invokeExact(operationInfo);
    Class<?> resource = (Class<?>) h.serviceClass.invokeExact(h.classResourceInfo.invokeExact(operationInfo));
    String route = RouteTemplates.of(h.api, resource, method);
    String operation = RouteTemplates.operation(resource, method);
    // CXF's HTTP transports all carry the servlet request (Jetty and Undertow transports included).
    Object message = h.inMessage.invokeExact(exchange);
    Object servletRequest = message instanceof Map ? ((Map<String, Object>) message).get("HTTP.REQUEST") : null;
    Decision decision = RoutingDecision.at(() -> ServletViews.routed(servletRequest, route, operation),
        route, operation);
    if (decision != null && decision.blocks()) {
      h.put.invokeExact(exchange, h.api.responseType, JaxRsDispatch.response(h.api, decision));
    }
    return null;
  }

  private static final class Handles {
    final JaxRsApi api;
    final Class<?> operationResourceInfo;
    final MethodHandle get;
    final MethodHandle put;
    final MethodHandle inMessage;
    final MethodHandle annotatedMethod;
    final MethodHandle classResourceInfo;
    final MethodHandle serviceClass;

    Handles(Class<?> invokerType) throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      ClassLoader loader = invokerType.getClassLoader();
      api = JaxRsApi.of(invokerType);
      Class<?> exchange = Class.forName("org.apache.cxf.message.Exchange", false, loader);
      Class<?> message = Class.forName("org.apache.cxf.message.Message", false, loader);
      operationResourceInfo = Class.forName("org.apache.cxf.jaxrs.model.OperationResourceInfo", false, loader);
      Class<?> classInfo = Class.forName("org.apache.cxf.jaxrs.model.ClassResourceInfo", false, loader);
      get = lookup.findVirtual(exchange, "get", MethodType.methodType(Object.class, Class.class))
          .asType(MethodType.methodType(Object.class, Object.class, Class.class));
      put = lookup.findVirtual(exchange, "put", MethodType.methodType(void.class, Class.class, Object.class))
          .asType(MethodType.methodType(void.class, Object.class, Class.class, Object.class));
      inMessage = lookup.findVirtual(exchange, "getInMessage", MethodType.methodType(message))
          .asType(MethodType.methodType(Object.class, Object.class));
      annotatedMethod = lookup.findVirtual(operationResourceInfo, "getAnnotatedMethod",
          MethodType.methodType(Method.class))
          .asType(MethodType.methodType(Method.class, Object.class));
      classResourceInfo = lookup.findVirtual(operationResourceInfo, "getClassResourceInfo",
              MethodType.methodType(classInfo))
          .asType(MethodType.methodType(Object.class, Object.class));
      serviceClass = lookup.findVirtual(classInfo, "getServiceClass", MethodType.methodType(Class.class))
          .asType(MethodType.methodType(Class.class, Object.class));
    }
  }
}
