package io.bulwark.instrumentation.routing;

import io.bulwark.bridge.AgentLog;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * Headers of an allowed request (RateLimit, ...) on a non-servlet server's native response
 * (Grizzly's {@code Response}), set before the framework writes its own: any native response with
 * a public {@code setHeader(String, String)} works.
 */
final class NativeResponses {

  private static final ClassValue<MethodHandle> SET_HEADER = new ClassValue<MethodHandle>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      try {
        return MethodHandles.publicLookup()
            .findVirtual(type, "setHeader", MethodType.methodType(void.class, String.class, String.class))
            .asType(MethodType.methodType(void.class, Object.class, String.class, String.class));
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }
  };

  private NativeResponses() {}

  static void addHeaders(Object nativeResponse, Map<String, String> headers) {
    if (nativeResponse == null) {
      return;
    }
    MethodHandle setHeader = SET_HEADER.get(nativeResponse.getClass());
    if (setHeader == null) {
      return;
    }
    try {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        setHeader.invokeExact(nativeResponse, header.getKey(), header.getValue());
      }
    } catch (Throwable t) {
      AgentLog.errorOnce("native-allow-headers", t);
    }
  }
}
