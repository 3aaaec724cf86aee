package io.bulwark.instrumentation.servlet;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * The classes a replaying request is made of, generated once per servlet API (namespace and class
 * loader): a subclass of the API's own {@code HttpServletRequestWrapper} and one of its {@code
 * ServletInputStream}, whose body methods call an {@link InvocationHandler} held in a field. So the
 * application sees a standard wrapper of its own API, and the logic stays in JDK-typed agent code
 * ({@link ReplayingRequest}, {@link ReplayingStream}). They are defined in a small class loader
 * whose parent is the servlet API's loader: they see that API and the JDK, nothing of the agent, and
 * nothing is injected into the application's loaders.
 */
final class ReplayClasses {

  static final String HANDLER = "bulwark$handler";

  private static final ClassValue<ReplayClasses> BY_WRAPPER = new ClassValue<ReplayClasses>() {
    @Override
    protected ReplayClasses computeValue(Class<?> wrapper) {
      return new ReplayClasses(wrapper);
    }
  };

  final String namespace;
  /** The API's HttpServletRequest, through which the handler calls the container's request. */
  final Class<?> httpRequest;
  /** The API's Part interface, {@code null} before Servlet 3.0. */
  final Class<?> part;
  private final Constructor<?> request;
  private final Field requestHandler;
  private final Constructor<?> stream;
  private final Field streamHandler;
  /** ReadListener's onDataAvailable, onAllDataRead, onError; {@code null} before Servlet 3.1. */
  final Method[] readListener;

  private ReplayClasses(Class<?> wrapper) {
    String name = wrapper.getName();
    namespace = name.substring(0, name.indexOf(".http."));
    ClassLoader loader = wrapper.getClassLoader();
    try {
      httpRequest = Class.forName(namespace + ".http.HttpServletRequest", false, loader);
      part = Class.forName(namespace + ".http.Part", false, loader);
      Class<?> inputStream = Class.forName(namespace + ".ServletInputStream", false, loader);
      Class<?> requestType = new ByteBuddy()
          .subclass(wrapper, ConstructorStrategy.Default.IMITATE_SUPER_CLASS_OPENING)
          .name("io.bulwark.generated." + namespace.replace('.', '_') + ".ReplayingHttpServletRequest")
          .defineField(HANDLER, InvocationHandler.class, Visibility.PUBLIC)
          .method(ElementMatchers.namedOneOf("getInputStream", "getReader", "getParameter", "getParameterValues",
              "getParameterNames", "getParameterMap", "getParts", "getPart"))
          .intercept(InvocationHandlerAdapter.toField(HANDLER))
          .make()
          .load(loader, ClassLoadingStrategy.Default.WRAPPER)
          .getLoaded();
      Class<?> streamType = new ByteBuddy()
          .subclass(inputStream, ConstructorStrategy.Default.IMITATE_SUPER_CLASS_OPENING)
          .name("io.bulwark.generated." + namespace.replace('.', '_') + ".ReplayingServletInputStream")
          .defineField(HANDLER, InvocationHandler.class, Visibility.PUBLIC)
          .method(ElementMatchers.namedOneOf("read", "available", "skip", "close", "isFinished", "isReady",
              "setReadListener"))
          .intercept(InvocationHandlerAdapter.toField(HANDLER))
          .make()
          .load(loader, ClassLoadingStrategy.Default.WRAPPER)
          .getLoaded();
      request = requestType.getConstructor(httpRequest);
      requestHandler = requestType.getField(HANDLER);
      stream = streamType.getConstructor();
      streamHandler = streamType.getField(HANDLER);
      readListener = readListener(namespace, loader);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a replaying request for " + name, e);
    }
  }

  private static Method[] readListener(String namespace, ClassLoader loader) {
    try {
      Class<?> listener = Class.forName(namespace + ".ReadListener", false, loader);
      return new Method[] {listener.getMethod("onDataAvailable"), listener.getMethod("onAllDataRead"),
          listener.getMethod("onError", Throwable.class)};
    } catch (ReflectiveOperationException | LinkageError e) {
      return null; // Servlet 3.0: no non-blocking reads
    }
  }

  /** The generated classes for the servlet API {@code request} belongs to. */
  static ReplayClasses forRequest(String namespace, Object request) throws ClassNotFoundException {
    Class<?> wrapper = Class.forName(namespace + ".http.HttpServletRequestWrapper", false,
        request.getClass().getClassLoader());
    return BY_WRAPPER.get(wrapper);
  }

  /** A wrapper of {@code original} whose body methods {@code handler} answers. */
  Object newRequest(Object original, InvocationHandler handler) throws ReflectiveOperationException {
    Object wrapper = request.newInstance(original);
    requestHandler.set(wrapper, handler);
    return wrapper;
  }

  /** A {@code ServletInputStream} whose methods {@code handler} answers. */
  Object newStream(InvocationHandler handler) throws ReflectiveOperationException {
    Object created = stream.newInstance();
    streamHandler.set(created, handler);
    return created;
  }
}
