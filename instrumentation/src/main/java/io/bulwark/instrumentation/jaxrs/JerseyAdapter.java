package io.bulwark.instrumentation.jaxrs;

import io.bulwark.bridge.Decision;
import io.bulwark.instrumentation.routing.EntryPoint;
import io.bulwark.instrumentation.routing.RoutingDecision;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Jersey 2 (javax) and 3 (jakarta): {@code ResourceMethodInvoker.apply(RequestProcessingContext)},
 * the endpoint of Jersey's request pipeline once a resource method is matched. A blocked request is
 * answered with a {@code ContainerResponse} carrying the problem, which Jersey writes as it writes
 * any response (through the servlet response on a servlet container, Grizzly's on Grizzly).
 */
public final class JerseyAdapter {

  private static final ClassValue<Handles> HANDLES = PerClass.required("Jersey", Handles::new);

  private JerseyAdapter() {}

  /** Returns the ContainerResponse to answer with, or {@code null} to invoke the resource method. */
  public static Object dispatch(Object invoker, Object processingContext) throws Throwable {
    Handles handles = HANDLES.get(invoker.getClass());
    JaxRsApi api = handles.api;
    Object request = handles.request.invokeExact(processingContext);
    if (api.getProperty.invokeExact(request, JaxRsDispatch.ROUTED) != null) {
      return null;
    }
    api.setProperty.invokeExact(request, JaxRsDispatch.ROUTED, (Object) Boolean.TRUE);
    Class<?> resource = (Class<?>) api.resourceClass.invokeExact(invoker);
    Method method = (Method) api.resourceMethod.invokeExact(invoker);
    String route = RouteTemplates.of(api, resource, method);
    String operation = RouteTemplates.operation(resource, method);
    boolean servletEvaluated = api.getProperty.invokeExact(request, EntryPoint.EVALUATED_ATTRIBUTE) != null;
    Decision decision = RoutingDecision.at(() -> new ContainerRequestView(api, request, route, operation),
        route, operation, servletEvaluated);
    if (decision == null || !decision.blocks()) {
      return null;
    }
    return handles.containerResponse.invokeExact(request, JaxRsDispatch.response(api, decision));
  }

  /** The ContainerResponse answering a blocking decision taken while the resource method ran. */
  public static Object answer(Object invoker, Object processingContext, Decision decision) throws Throwable {
    Handles handles = HANDLES.get(invoker.getClass());
    Object request = handles.request.invokeExact(processingContext);
    return handles.containerResponse.invokeExact(request, JaxRsDispatch.response(handles.api, decision));
  }

  private static final class Handles {
    final JaxRsApi api;
    final MethodHandle request;
    final MethodHandle containerResponse;

    Handles(Class<?> invokerType) throws ReflectiveOperationException {
      ClassLoader loader = invokerType.getClassLoader();
      api = JaxRsApi.of(invokerType);
      Class<?> context = Class.forName(
          "org.glassfish.jersey.server.internal.process.RequestProcessingContext", false, loader);
      Class<?> containerRequest = Class.forName("org.glassfish.jersey.server.ContainerRequest", false, loader);
      Class<?> containerResponseType = Class.forName("org.glassfish.jersey.server.ContainerResponse", false, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      request = lookup.findVirtual(context, "request", MethodType.methodType(containerRequest))
          .asType(MethodType.methodType(Object.class, Object.class));
      containerResponse = lookup.findConstructor(containerResponseType,
              MethodType.methodType(void.class, containerRequest, api.responseType))
          .asType(MethodType.methodType(Object.class, Object.class, Object.class));
    }
  }
}
