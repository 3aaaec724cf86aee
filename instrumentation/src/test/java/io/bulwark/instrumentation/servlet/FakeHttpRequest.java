package io.bulwark.instrumentation.servlet;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal {@code HttpServletRequest} of either namespace: the real interface, implemented by a
 * proxy over a few fields. Header names are case-insensitive, as in every container. Any method a
 * test did not expect to be called fails loudly.
 */
final class FakeHttpRequest implements InvocationHandler {

  String method = "GET";
  String requestUri = "/";
  String queryString;
  String contextPath = "";
  String servletPath = "";
  String pathInfo;
  String remoteAddr = "127.0.0.1";
  String scheme = "http";
  final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  final Map<String, Object> attributes = new HashMap<>();
  /** The body the container's stream gives; its parameters are the query string's only, as after a read. */
  byte[] body = new byte[0];
  String characterEncoding;
  final Map<String, String[]> queryParameters = new java.util.LinkedHashMap<>();
  private ServletNamespace namespace;
  private Object stream;

  FakeHttpRequest header(String name, String value) {
    headers.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
    return this;
  }

  /** The request as an {@code HttpServletRequest} of {@code namespace}. */
  Object as(ServletNamespace namespace) {
    this.namespace = namespace;
    return proxy(namespace.httpRequest);
  }

  /** The request as a plain, non-HTTP {@code ServletRequest} of {@code namespace}. */
  Object asNonHttp(ServletNamespace namespace) {
    return proxy(namespace.servletRequest);
  }

  private Object proxy(Class<?> api) {
    return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, this);
  }

  @Override
  public Object invoke(Object proxy, Method called, Object[] args) {
    switch (called.getName()) {
      case "getMethod": return method;
      case "getRequestURI": return requestUri;
      case "getQueryString": return queryString;
      case "getContextPath": return contextPath;
      case "getServletPath": return servletPath;
      case "getPathInfo": return pathInfo;
      case "getRemoteAddr": return remoteAddr;
      case "getScheme": return scheme;
      case "getCharacterEncoding": return characterEncoding;
      case "getParameterMap": return Collections.unmodifiableMap(queryParameters);
      case "getParameterNames": return Collections.enumeration(queryParameters.keySet());
      case "getParameterValues": return queryParameters.get((String) args[0]);
      case "getHeaderNames": return Collections.enumeration(headers.keySet());
      case "getInputStream":
        if (stream == null) {
          stream = namespace.servletInputStream(new java.io.ByteArrayInputStream(body));
        }
        return stream;
      case "getProtocol": return "HTTP/1.1";
      case "getHeader": {
        List<String> values = headers.get((String) args[0]);
        return values == null ? null : values.get(0);
      }
      case "getHeaders":
        return Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
      case "getAttribute": return attributes.get((String) args[0]);
      case "setAttribute":
        attributes.put((String) args[0], args[1]);
        return null;
      case "removeAttribute":
        attributes.remove((String) args[0]);
        return null;
      case "hashCode": return System.identityHashCode(proxy);
      case "equals": return proxy == args[0];
      case "toString": return "FakeHttpRequest " + method + " " + requestUri;
      default: throw new UnsupportedOperationException("not expected on the request: " + called);
    }
  }
}
