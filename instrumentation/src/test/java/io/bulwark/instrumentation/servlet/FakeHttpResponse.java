package io.bulwark.instrumentation.servlet;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal {@code HttpServletResponse} of either namespace that behaves like a container where it
 * matters for a blocking response: {@code reset()} throws once committed and clears status, headers
 * and buffer; the writer encodes in the response's character encoding (ISO-8859-1 unless one was
 * set, as the servlet specification says); {@code flushBuffer()} commits. Every call is recorded in
 * order.
 */
final class FakeHttpResponse {

  final List<String> calls = new ArrayList<>();
  final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  boolean committed;
  int status = 200;
  String contentType;
  String characterEncoding;
  int contentLength = -1;
  /** Thrown by {@code getOutputStream()}, e.g. because the application already took the writer. */
  RuntimeException outputStreamFailure;
  private PrintWriter writer;

  /** The response as an {@code HttpServletResponse} of {@code namespace}. */
  Object as(ServletNamespace namespace) {
    Class<?> api = namespace.httpResponse;
    return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, new Handler(namespace));
  }

  /** The response as a plain, non-HTTP {@code ServletResponse} of {@code namespace}. */
  Object asNonHttp(ServletNamespace namespace) {
    Class<?> api = namespace.servletResponse;
    return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, new Handler(namespace));
  }

  byte[] body() {
    return sent.toByteArray();
  }

  /** Whether anything at all was done to the response. */
  boolean untouched() {
    return calls.stream().allMatch(call -> call.equals("isCommitted"));
  }

  private Charset charset() {
    return characterEncoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(characterEncoding);
  }

  private final class Handler implements InvocationHandler {
    private final ServletNamespace namespace;

    Handler(ServletNamespace namespace) {
      this.namespace = namespace;
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) {
      String name = called.getName();
      switch (name) {
        case "hashCode": return System.identityHashCode(proxy);
        case "equals": return proxy == args[0];
        case "toString": return "FakeHttpResponse";
        default: break;
      }
      calls.add(args == null ? name : name + " " + String.join(" ", stringsOf(args)));
      switch (name) {
        case "isCommitted": return committed;
        case "reset":
          if (committed) {
            throw new IllegalStateException("committed");
          }
          status = 200;
          contentType = null;
          characterEncoding = null;
          contentLength = -1;
          headers.clear();
          sent.reset();
          return null;
        case "setStatus":
          status = (Integer) args[0];
          return null;
        case "getStatus": return status;
        case "setContentType": {
          contentType = (String) args[0];
          int charset = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
          if (charset >= 0) {
            characterEncoding = contentType.substring(charset + "charset=".length()).trim();
          }
          return null;
        }
        case "getContentType": return contentType;
        case "setCharacterEncoding":
          characterEncoding = (String) args[0];
          return null;
        case "getCharacterEncoding": return charset().name();
        case "setHeader":
          headers.put((String) args[0], (String) args[1]);
          return null;
        case "getHeader": return headers.get((String) args[0]);
        case "setContentLength":
          contentLength = (Integer) args[0];
          return null;
        case "setContentLengthLong":
          contentLength = Math.toIntExact((Long) args[0]);
          return null;
        case "getOutputStream":
          if (outputStreamFailure != null) {
            throw outputStreamFailure;
          }
          return namespace.servletOutputStream(sent);
        case "getWriter":
          if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(sent, charset()));
          }
          return writer;
        case "flushBuffer":
          if (writer != null) {
            writer.flush();
          }
          committed = true;
          return null;
        case "sendError":
          status = (Integer) args[0];
          committed = true;
          return null;
        default: throw new UnsupportedOperationException("not expected on the response: " + called);
      }
    }
  }

  private static List<String> stringsOf(Object[] args) {
    List<String> strings = new ArrayList<>();
    for (Object arg : args) {
      strings.add(String.valueOf(arg));
    }
    return strings;
  }

  static Map<String, String> orderedHeaders(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }
}
