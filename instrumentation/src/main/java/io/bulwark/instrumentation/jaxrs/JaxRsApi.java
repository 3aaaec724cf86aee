package io.bulwark.instrumentation.jaxrs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The JAX-RS API of one namespace (javax.ws.rs or jakarta.ws.rs), reached through method handles
 * resolved once per class loader, as {@code ServletApi} does for servlets: one implementation
 * serves Jersey 2 and 3, RESTEasy and CXF of either namespace, without compiling against either.
 */
final class JaxRsApi {

  static final String JAVAX = "javax.ws.rs";
  static final String JAKARTA = "jakarta.ws.rs";

  private static final MethodHandles.Lookup PUBLIC = MethodHandles.publicLookup();

  /** Per framework class: the API its class loader sees, for the namespace it was built against. */
  private static final ClassValue<JaxRsApi> BY_FRAMEWORK_CLASS = new ClassValue<JaxRsApi>() {
    @Override
    protected JaxRsApi computeValue(Class<?> type) {
      String namespace = namespaceOf(type);
      try {
        return new JaxRsApi(namespace, type.getClassLoader());
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException("no usable " + namespace + " API for " + type.getName(), e);
      }
    }
  };

  final String namespace;
  final Class<?> responseType;
  private final Class<? extends java.lang.annotation.Annotation> path;
  private final MethodHandle pathValue;
  private final MethodHandle status;
  private final MethodHandle type;
  private final MethodHandle header;
  private final MethodHandle entity;
  private final MethodHandle build;
  // ContainerRequestContext (Jersey's ContainerRequest implements it)
  final MethodHandle method;
  final MethodHandle uriInfo;
  final MethodHandle requestUri;
  final MethodHandle headerString;
  final MethodHandle headers;
  final MethodHandle setProperty;
  final MethodHandle getProperty;
  // ResourceInfo (Jersey's ResourceMethodInvoker implements it)
  final MethodHandle resourceClass;
  final MethodHandle resourceMethod;

  @SuppressWarnings("unchecked")
  private JaxRsApi(String namespace, ClassLoader loader) throws ReflectiveOperationException {
    this.namespace = namespace;
    Class<?> response = Class.forName(namespace + ".core.Response", false, loader);
    Class<?> builder = Class.forName(namespace + ".core.Response$ResponseBuilder", false, loader);
    this.responseType = response;
    this.path = (Class<? extends java.lang.annotation.Annotation>) Class.forName(namespace + ".Path", false, loader);
    this.pathValue = PUBLIC.findVirtual(path, "value", MethodType.methodType(String.class))
        .asType(MethodType.methodType(String.class, Object.class));
    this.status = PUBLIC.findStatic(response, "status", MethodType.methodType(builder, int.class))
        .asType(MethodType.methodType(Object.class, int.class));
    this.type = PUBLIC.findVirtual(builder, "type", MethodType.methodType(builder, String.class))
        .asType(MethodType.methodType(Object.class, Object.class, String.class));
    this.header = PUBLIC.findVirtual(builder, "header", MethodType.methodType(builder, String.class, Object.class))
        .asType(MethodType.methodType(Object.class, Object.class, String.class, Object.class));
    this.entity = PUBLIC.findVirtual(builder, "entity", MethodType.methodType(builder, Object.class))
        .asType(MethodType.methodType(Object.class, Object.class, Object.class));
    this.build = PUBLIC.findVirtual(builder, "build", MethodType.methodType(response))
        .asType(MethodType.methodType(Object.class, Object.class));

    Class<?> context = Class.forName(namespace + ".container.ContainerRequestContext", false, loader);
    Class<?> uri = Class.forName(namespace + ".core.UriInfo", false, loader);
    Class<?> multivalued = Class.forName(namespace + ".core.MultivaluedMap", false, loader);
    this.method = PUBLIC.findVirtual(context, "getMethod", MethodType.methodType(String.class))
        .asType(MethodType.methodType(String.class, Object.class));
    this.uriInfo = PUBLIC.findVirtual(context, "getUriInfo", MethodType.methodType(uri))
        .asType(MethodType.methodType(Object.class, Object.class));
    this.requestUri = PUBLIC.findVirtual(uri, "getRequestUri", MethodType.methodType(URI.class))
        .asType(MethodType.methodType(URI.class, Object.class));
    this.headerString = PUBLIC.findVirtual(context, "getHeaderString",
        MethodType.methodType(String.class, String.class))
        .asType(MethodType.methodType(String.class, Object.class, String.class));
    this.headers = PUBLIC.findVirtual(context, "getHeaders", MethodType.methodType(multivalued))
        .asType(MethodType.methodType(Map.class, Object.class));
    this.setProperty = PUBLIC.findVirtual(context, "setProperty",
        MethodType.methodType(void.class, String.class, Object.class))
        .asType(MethodType.methodType(void.class, Object.class, String.class, Object.class));
    this.getProperty = PUBLIC.findVirtual(context, "getProperty", MethodType.methodType(Object.class, String.class))
        .asType(MethodType.methodType(Object.class, Object.class, String.class));

    Class<?> info = Class.forName(namespace + ".container.ResourceInfo", false, loader);
    this.resourceClass = PUBLIC.findVirtual(info, "getResourceClass", MethodType.methodType(Class.class))
        .asType(MethodType.methodType(Class.class, Object.class));
    this.resourceMethod = PUBLIC.findVirtual(info, "getResourceMethod", MethodType.methodType(Method.class))
        .asType(MethodType.methodType(Method.class, Object.class));
  }

  /** The API as seen by a framework class (its namespace, its class loader). */
  static JaxRsApi of(Class<?> frameworkClass) {
    return BY_FRAMEWORK_CLASS.get(frameworkClass);
  }

  /**
   * The namespace a framework class was built against: the one its own signatures mention (Jersey 2
   * and 3, RESTEasy 3 and 6, CXF 3 and 4 keep their class names across the rename).
   */
  static String namespaceOf(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith(JAKARTA + ".")) {
          return JAKARTA;
        }
        if (i.getName().startsWith(JAVAX + ".")) {
          return JAVAX;
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        String returned = m.getReturnType().getName();
        if (returned.startsWith(JAKARTA + ".")) {
          return JAKARTA;
        }
        if (returned.startsWith(JAVAX + ".")) {
          return JAVAX;
        }
      }
    }
    try {
      Class.forName(JAKARTA + ".core.Response", false, type.getClassLoader());
      return JAKARTA;
    } catch (ClassNotFoundException | LinkageError e) {
      return JAVAX;
    }
  }

  /** A framework Response with the blocking decision's status, headers and problem+json body. */
  Object response(int statusCode, Map<String, String> headers, String contentType, String body) throws Throwable {
    Object builder = status.invokeExact(statusCode);
    builder = type.invokeExact(builder, contentType);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      builder = header.invokeExact(builder, h.getKey(), (Object) h.getValue());
    }
    builder = entity.invokeExact(builder, (Object) body);
    return build.invokeExact(builder);
  }

  /** The {@code @Path} value on an element, or {@code null}. */
  String path(AnnotatedElement element) throws Throwable {
    Object annotation = element.getAnnotation(path);
    return annotation == null ? null : (String) pathValue.invokeExact(annotation);
  }

  /** Header values of a ContainerRequestContext's header map (case-insensitive in every framework). */
  @SuppressWarnings("unchecked")
  static List<String> values(Map<?, ?> headers, String name) {
    Object values = headers.get(name);
    return values instanceof List ? (List<String>) values : List.of();
  }
}
