package io.bulwark.instrumentation.servlet;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body methods of the application's replaying request ({@link ReplayClasses}): the stream and
 * reader give the body Bulwark read, byte for byte; for a form body, the parameters are the
 * container's (the query string's) followed by the body's, decoded as the container would, unless
 * the application read the body itself first (then, as in a container, they are the query's only).
 * Once the parameters have used the body, the stream is empty, again as in a container. Every
 * other method is the wrapper's, which calls the container's request.
 */
final class ReplayingRequest implements InvocationHandler {

  private final ReplayClasses classes;
  private final ServletApi.Request api;
  private final Object original;
  private final BodyReplay body;
  private final boolean form;
  private InputStream in;
  private Object stream;
  private BufferedReader reader;
  private Map<String, String[]> parameters;
  private boolean bodyUsed;

  ReplayingRequest(ReplayClasses classes, ServletApi.Request api, Object original, BodyReplay body, boolean form) {
    this.classes = classes;
    this.api = api;
    this.original = original;
    this.body = body;
    this.form = form;
  }

  /** The application's view of {@code original}, replaying {@code body}. */
  static Object wrap(String namespace, ServletApi.Request api, Object original, BodyReplay body, boolean form)
      throws Exception {
    ReplayClasses classes = ReplayClasses.forRequest(namespace, original);
    return classes.newRequest(original, new ReplayingRequest(classes, api, original, body, form));
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getInputStream":
        if (reader != null) {
          throw new IllegalStateException("getReader() has already been called for this request");
        }
        if (stream == null) {
          boolean inMemory = body.complete() || bodyUsed;
          stream = classes.newStream(new ReplayingStream(in(), inMemory, classes.readListener));
        }
        return stream;
      case "getReader":
        if (stream != null) {
          throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        if (reader == null) {
          reader = new BufferedReader(new InputStreamReader(in(), charset()));
        }
        return reader;
      case "getParameter": {
        String[] values = parameters().get((String) args[0]);
        return values == null || values.length == 0 ? null : values[0];
      }
      case "getParameterValues": {
        String[] values = parameters().get((String) args[0]);
        return values == null ? null : values.clone();
      }
      case "getParameterNames":
        return Collections.enumeration(parameters().keySet());
      case "getParameterMap":
        return parameters();
      default:
        throw new UnsupportedOperationException(method.toString());
    }
  }

  /** The body for the application's stream or reader: all of it, or nothing once the parameters took it. */
  private InputStream in() {
    if (in == null) {
      in = bodyUsed ? InputStream.nullInputStream() : body.stream();
      bodyUsed = true;
    }
    return in;
  }

  @SuppressWarnings("unchecked")
  private Map<String, String[]> parameters() throws Throwable {
    if (parameters != null) {
      return parameters;
    }
    Map<String, String[]> container = (Map<String, String[]>) api.parameterMap.invokeExact(original);
    if (!form || bodyUsed || !body.complete()) {
      parameters = container;
      return parameters;
    }
    bodyUsed = true;
    Map<String, String[]> merged = new LinkedHashMap<>();
    container.forEach((name, values) -> merged.put(name, values.clone()));
    String text = new String(body.bytes, StandardCharsets.ISO_8859_1);
    for (String[] field : FormDecoding.fields(text, charset())) {
      String[] values = merged.get(field[0]);
      String[] more = values == null ? new String[1] : java.util.Arrays.copyOf(values, values.length + 1);
      more[more.length - 1] = field[1];
      merged.put(field[0], more);
    }
    parameters = Collections.unmodifiableMap(merged);
    return parameters;
  }

  /**
   * The request's character encoding, else what the container assumes: UTF-8 for Jetty, ISO-8859-1
   * (the servlet specification's default) for the others.
   */
  private Charset charset() throws Throwable {
    String encoding = (String) api.characterEncoding.invokeExact(original);
    if (encoding != null) {
      try {
        return Charset.forName(encoding);
      } catch (RuntimeException e) {
        // the container would fail on it too; read as the default
      }
    }
    return original.getClass().getName().startsWith("org.eclipse.jetty.") ? StandardCharsets.UTF_8
        : StandardCharsets.ISO_8859_1;
  }
}
