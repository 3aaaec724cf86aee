package io.bulwark.instrumentation.servlet;

import io.bulwark.bridge.RequestView;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A servlet request seen through {@link ServletApi}; every value is read on demand. */
final class ServletRequestView implements RequestView {

  private final ServletApi.Request api;
  private final Object request;
  private BodyReplay body;

  ServletRequestView(ServletApi.Request api, Object request) {
    this.api = api;
    this.request = request;
  }

  /**
   * Reads the body once, from the container's stream; the entry handler then shows the application
   * a request that replays it ({@link #replay}).
   */
  @Override
  public byte[] body(int max) {
    if (body == null) {
      java.io.InputStream in;
      try {
        in = (java.io.InputStream) api.inputStream.invokeExact(request);
      } catch (Throwable t) {
        return null; // the application cannot read it either (getReader was called by a container filter)
      }
      body = BodyReplay.read(in, max);
    }
    return body.bytes;
  }

  /** The body read for the engine, which the application must be shown; {@code null} when none was read. */
  BodyReplay replay() {
    return body;
  }

  @Override
  public byte[] bodyIfRead() {
    BodyReplay read = body;
    return read == null ? null : read.bytes;
  }

  @Override
  public int headerCount() {
    Enumeration<?> names;
    try {
      names = (Enumeration<?>) api.headerNames.invokeExact(request);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (names == null) {
      return -1;
    }
    int count = 0;
    while (names.hasMoreElements()) {
      // counted, not collected: this runs on every request, for every header
      Enumeration<?> values = headerValues(String.valueOf(names.nextElement()));
      while (values != null && values.hasMoreElements()) {
        values.nextElement();
        count++;
      }
    }
    return count;
  }

  @Override
  public String method() {
    return call(api.method);
  }

  @Override
  public String rawPath() {
    return call(api.requestUri);
  }

  @Override
  public String containerPath() {
    String context = call(api.contextPath);
    String servlet = call(api.servletPath);
    String info = call(api.pathInfo);
    return (context == null ? "" : context) + (servlet == null ? "" : servlet) + (info == null ? "" : info);
  }

  @Override
  public String rawQuery() {
    return call(api.queryString);
  }

  @Override
  public String header(String name) {
    try {
      return (String) api.header.invokeExact(request, name);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public List<String> headers(String name) {
    Enumeration<?> values = headerValues(name);
    if (values == null || !values.hasMoreElements()) {
      return Collections.emptyList();
    }
    List<String> list = new ArrayList<>(2);
    while (values.hasMoreElements()) {
      list.add(String.valueOf(values.nextElement()));
    }
    return list;
  }

  private Enumeration<?> headerValues(String name) {
    try {
      return (Enumeration<?>) api.headers.invokeExact(request, name);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public String remoteAddress() {
    return call(api.remoteAddr);
  }

  @Override
  public String scheme() {
    return call(api.scheme);
  }

  @Override
  public X509Certificate[] clientCertificates() {
    Object chain;
    try {
      chain = api.getAttribute.invokeExact(request, api.certificatesAttribute);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    return chain instanceof X509Certificate[] ? (X509Certificate[]) chain : null;
  }

  /**
   * Read by name, not with {@code getParameterMap()}, which Tomcat locks on its first call: called
   * by a sink before the container had parsed every multipart part, it made the application's own
   * {@code getParameterMap()} throw. (File sinks, which fire inside that parse, do not ask at all:
   * see {@code RequestInputs.withoutParametersWhileTheContainerParses}.)
   */
  @Override
  public java.util.Map<String, String[]> parameters() {
    try {
      @SuppressWarnings("unchecked")
      Enumeration<String> names = (Enumeration<String>) api.parameterNames.invokeExact(request);
      if (names == null || !names.hasMoreElements()) {
        return java.util.Map.of();
      }
      java.util.Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
      while (names.hasMoreElements() && parameters.size() < MAX_PARAMETERS) {
        String name = names.nextElement();
        String[] values = (String[]) api.parameterValues.invokeExact(request, name);
        if (name != null && values != null) {
          parameters.put(name, values);
        }
      }
      return parameters;
    } catch (Throwable t) {
      // a body the container cannot parse: no form inputs; anything else is a bug, said once
      io.bulwark.bridge.AgentLog.errorOnce("reading the request's parameters", t);
      return java.util.Map.of();
    }
  }

  /** Parameters read for the sinks at most (they keep 256 inputs in all). */
  static final int MAX_PARAMETERS = 1000;

  @Override
  public void publish(String name, Object value) {
    try {
      api.setAttribute.invokeExact(request, name, value);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private String call(java.lang.invoke.MethodHandle getter) {
    try {
      return (String) getter.invokeExact(request);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException(t);
  }
}
