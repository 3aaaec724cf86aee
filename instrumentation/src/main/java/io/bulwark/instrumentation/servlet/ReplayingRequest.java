package io.bulwark.instrumentation.servlet;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import io.bulwark.bridge.MultipartBody;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
  /** The multipart body's boundary, or {@code null} when the body is not multipart. */
  private final String boundary;
  private List<Object> parts;
  private InputStream in;
  private Object stream;
  private BufferedReader reader;
  private Map<String, String[]> parameters;
  private boolean bodyUsed;

  ReplayingRequest(ReplayClasses classes, ServletApi.Request api, Object original, BodyReplay body, boolean form,
      String boundary) {
    this.boundary = boundary;
    this.classes = classes;
    this.api = api;
    this.original = original;
    this.body = body;
    this.form = form;
  }

  /** The application's view of {@code original}, replaying {@code body}. */
  static Object wrap(String namespace, ServletApi.Request api, Object original, BodyReplay body, String contentType)
      throws Exception {
    String lower = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    boolean form = lower.startsWith("application/x-www-form-urlencoded");
    String boundary = lower.startsWith("multipart/form-data") ? MultipartBody.boundary(contentType) : null;
    ReplayClasses classes = ReplayClasses.forRequest(namespace, original);
    return classes.newRequest(original, new ReplayingRequest(classes, api, original, body, form, boundary));
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
      case "getParts":
        return boundary == null ? container(method, args) : Collections.unmodifiableList(parts());
      case "getPart":
        if (boundary == null) {
          return container(method, args);
        }
        for (Object part : parts()) {
          if (args[0].equals(PART_NAME.apply(part))) {
            return part;
          }
        }
        return null;
      default:
        throw new UnsupportedOperationException(method.toString());
    }
  }

  /** The container's own answer (a request whose body is not multipart). */
  private Object container(Method method, Object[] args) throws Throwable {
    try {
      return classes.httpRequest.getMethod(method.getName(), method.getParameterTypes()).invoke(original, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static final ClassValue<Method> GET_NAME = new ClassValue<Method>() {
    @Override
    protected Method computeValue(Class<?> type) {
      try {
        return type.getMethod("getName");
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  /** A part's name, through its Part interface. */
  private static final java.util.function.Function<Object, String> PART_NAME = part -> {
    try {
      return (String) GET_NAME.get(part.getClass()).invoke(part);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  };

  /** The multipart body's parts, once; the body is then used (the stream is empty), as in a container. */
  private List<Object> parts() {
    if (parts == null) {
      parts = new ArrayList<>();
      if (!bodyUsed && body.complete()) {
        for (MultipartBody.Part part : MultipartBody.parse(body.bytes, body.bytes.length, boundary, MAX_PARTS)) {
          parts.add(ReplayedPart.of(classes.part, part, body.bytes));
        }
        bodyUsed = true;
      }
    }
    return parts;
  }

  private static final int MAX_PARTS = 10_000;

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
    boolean multipart = boundary != null && (parts != null || !bodyUsed) && body.complete();
    if (!multipart && (!form || bodyUsed || !body.complete())) {
      parameters = container;
      return parameters;
    }
    Map<String, String[]> merged = new LinkedHashMap<>();
    container.forEach((name, values) -> merged.put(name, values.clone()));
    if (multipart) {
      // As containers do: the text fields of a multipart body are parameters too.
      Charset charset = charset();
      for (MultipartBody.Part part : MultipartBody.parse(body.bytes, body.bytes.length, boundary, MAX_PARTS)) {
        if (part.filename == null && part.name != null) {
          add(merged, part.name, new String(body.bytes, part.start, part.end - part.start, charset));
        }
      }
      parts();
    } else {
      bodyUsed = true;
      String text = new String(body.bytes, StandardCharsets.ISO_8859_1);
      for (String[] field : FormDecoding.fields(text, charset())) {
        add(merged, field[0], field[1]);
      }
    }
    parameters = Collections.unmodifiableMap(merged);
    return parameters;
  }

  private static void add(Map<String, String[]> parameters, String name, String value) {
    String[] values = parameters.get(name);
    String[] more = values == null ? new String[1] : java.util.Arrays.copyOf(values, values.length + 1);
    more[more.length - 1] = value;
    parameters.put(name, more);
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
