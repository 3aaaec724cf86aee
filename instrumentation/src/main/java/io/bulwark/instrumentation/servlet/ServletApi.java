package io.bulwark.instrumentation.servlet;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Enumeration;

/**
 * The servlet API of one namespace (javax.servlet or jakarta.servlet), reached through method
 * handles resolved once per request or response class. This is what lets one implementation serve
 * both namespaces without compiling against either, and without loading anything into the
 * application's class loaders.
 */
final class ServletApi {

  private static final ServletApi JAVAX = new ServletApi("javax.servlet");
  private static final ServletApi JAKARTA = new ServletApi("jakarta.servlet");

  private final String namespace;
  private final ClassValue<Request> requests = new ClassValue<Request>() {
    @Override
    protected Request computeValue(Class<?> type) {
      return Request.resolve(namespace, type);
    }
  };
  private final ClassValue<Response> responses = new ClassValue<Response>() {
    @Override
    protected Response computeValue(Class<?> type) {
      return Response.resolve(namespace, type);
    }
  };

  private ServletApi(String namespace) {
    this.namespace = namespace;
  }

  static ServletApi forNamespace(String namespace) {
    return "jakarta.servlet".equals(namespace) ? JAKARTA : JAVAX;
  }

  private final ClassValue<Boolean> servlets = new ClassValue<Boolean>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      Class<?> servlet = load(namespace, "Servlet", type);
      return servlet != null && servlet.isAssignableFrom(type);
    }
  };

  /** Whether {@code object} is a servlet of {@code namespace} (not a container's filter chain). */
  static boolean isServlet(String namespace, Object object) {
    return forNamespace(namespace).servlets.get(object.getClass());
  }

  /** The accessors for an HTTP servlet request, or {@code null} if it is not one. */
  Request request(Object request) {
    Request access = requests.get(request.getClass());
    return access.http ? access : null;
  }

  /** The accessors for an HTTP servlet response, or {@code null} if it is not one. */
  Response response(Object response) {
    Response access = responses.get(response.getClass());
    return access.http ? access : null;
  }

  private static Class<?> load(String namespace, String simpleName, Class<?> from) {
    try {
      return Class.forName(namespace + "." + simpleName, false, from.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static MethodHandle handle(Class<?> owner, String name, MethodType generic, Class<?>... parameters)
      throws ReflectiveOperationException {
    MethodType exact = MethodType.methodType(generic.returnType(), parameters);
    return MethodHandles.publicLookup().findVirtual(owner, name, exact).asType(generic);
  }

  private static final MethodType TO_STRING = MethodType.methodType(String.class, Object.class);

  /** HttpServletRequest accessors, typed (Object, ...) so callers need no servlet class. */
  static final class Request {
    final boolean http;
    final MethodHandle method;
    final MethodHandle requestUri;
    final MethodHandle queryString;
    final MethodHandle contextPath;
    final MethodHandle servletPath;
    final MethodHandle pathInfo;
    final MethodHandle header;
    final MethodHandle headers;
    final MethodHandle remoteAddr;
    final MethodHandle scheme;
    final MethodHandle getAttribute;
    final MethodHandle setAttribute;
    final MethodHandle headerNames;
    /** getInputStream(), typed (Object) InputStream. */
    final MethodHandle inputStream;
    final MethodHandle characterEncoding;
    final MethodHandle parameterMap;
    final MethodHandle parameterNames;
    final MethodHandle parameterValues;
    /** The request attribute holding the TLS client's certificate chain (servlet spec 3.9). */
    final String certificatesAttribute;

    private Request(Class<?> api, String namespace) throws ReflectiveOperationException {
      http = api != null;
      certificatesAttribute = namespace + ".request.X509Certificate";
      if (api == null) {
        method = requestUri = queryString = contextPath = servletPath = pathInfo = null;
        header = headers = remoteAddr = scheme = getAttribute = setAttribute = null;
        headerNames = inputStream = characterEncoding = parameterMap = parameterNames = parameterValues = null;
        return;
      }
      method = handle(api, "getMethod", TO_STRING);
      requestUri = handle(api, "getRequestURI", TO_STRING);
      queryString = handle(api, "getQueryString", TO_STRING);
      contextPath = handle(api, "getContextPath", TO_STRING);
      servletPath = handle(api, "getServletPath", TO_STRING);
      pathInfo = handle(api, "getPathInfo", TO_STRING);
      header = handle(api, "getHeader",
          MethodType.methodType(String.class, Object.class, String.class), String.class);
      headers = handle(api, "getHeaders",
          MethodType.methodType(Enumeration.class, Object.class, String.class), String.class);
      remoteAddr = handle(api, "getRemoteAddr", TO_STRING);
      scheme = handle(api, "getScheme", TO_STRING);
      getAttribute = handle(api, "getAttribute",
          MethodType.methodType(Object.class, Object.class, String.class), String.class);
      setAttribute = handle(api, "setAttribute",
          MethodType.methodType(void.class, Object.class, String.class, Object.class), String.class, Object.class);
      headerNames = handle(api, "getHeaderNames", MethodType.methodType(Enumeration.class, Object.class));
      Class<?> servletInputStream = load(namespace, "ServletInputStream", api);
      inputStream = MethodHandles.publicLookup()
          .findVirtual(api, "getInputStream", MethodType.methodType(servletInputStream))
          .asType(MethodType.methodType(java.io.InputStream.class, Object.class));
      characterEncoding = handle(api, "getCharacterEncoding", TO_STRING);
      parameterMap = handle(api, "getParameterMap", MethodType.methodType(java.util.Map.class, Object.class));
      parameterNames = handle(api, "getParameterNames", MethodType.methodType(Enumeration.class, Object.class));
      parameterValues = handle(api, "getParameterValues",
          MethodType.methodType(String[].class, Object.class, String.class), String.class);
    }

    static Request resolve(String namespace, Class<?> type) {
      Class<?> api = load(namespace, "http.HttpServletRequest", type);
      try {
        return new Request(api != null && api.isAssignableFrom(type) ? api : null, namespace);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("unexpected " + namespace + " API on " + type.getName(), e);
      }
    }
  }

  /** HttpServletResponse accessors for committing a blocking response. */
  static final class Response {
    final boolean http;
    final MethodHandle isCommitted;
    final MethodHandle reset;
    final MethodHandle setStatus;
    final MethodHandle setContentType;
    final MethodHandle setCharacterEncoding;
    final MethodHandle setHeader;
    final MethodHandle setContentLength;
    final MethodHandle outputStream;
    final MethodHandle writer;
    final MethodHandle flushBuffer;

    private Response(Class<?> api) throws ReflectiveOperationException {
      http = api != null;
      if (api == null) {
        isCommitted = reset = setStatus = setContentType = setCharacterEncoding = setHeader = null;
        setContentLength = outputStream = writer = flushBuffer = null;
        return;
      }
      isCommitted = handle(api, "isCommitted", MethodType.methodType(boolean.class, Object.class));
      reset = handle(api, "reset", MethodType.methodType(void.class, Object.class));
      setStatus = handle(api, "setStatus",
          MethodType.methodType(void.class, Object.class, int.class), int.class);
      setContentType = handle(api, "setContentType",
          MethodType.methodType(void.class, Object.class, String.class), String.class);
      setCharacterEncoding = handle(api, "setCharacterEncoding",
          MethodType.methodType(void.class, Object.class, String.class), String.class);
      setHeader = handle(api, "setHeader",
          MethodType.methodType(void.class, Object.class, String.class, String.class), String.class, String.class);
      setContentLength = handle(api, "setContentLength",
          MethodType.methodType(void.class, Object.class, int.class), int.class);
      Class<?> servletOutputStream = load(namespace(api), "ServletOutputStream", api);
      outputStream = MethodHandles.publicLookup()
          .findVirtual(api, "getOutputStream", MethodType.methodType(servletOutputStream))
          .asType(MethodType.methodType(OutputStream.class, Object.class));
      writer = handle(api, "getWriter", MethodType.methodType(PrintWriter.class, Object.class));
      flushBuffer = handle(api, "flushBuffer", MethodType.methodType(void.class, Object.class));
    }

    private static String namespace(Class<?> api) {
      String name = api.getName();
      return name.substring(0, name.indexOf(".http."));
    }

    static Response resolve(String namespace, Class<?> type) {
      Class<?> api = load(namespace, "http.HttpServletResponse", type);
      try {
        return new Response(api != null && api.isAssignableFrom(type) ? api : null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("unexpected " + namespace + " API on " + type.getName(), e);
      }
    }
  }
}
