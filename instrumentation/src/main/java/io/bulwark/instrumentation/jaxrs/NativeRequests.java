package io.bulwark.instrumentation.jaxrs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.cert.X509Certificate;

/**
 * Reads what JAX-RS does not expose (the peer's address) from the server's native request, captured
 * by {@code DispatchHooks.connectionOpened} (Grizzly's {@code Request}); any native request with a
 * public {@code String getRemoteAddr()} works.
 */
final class NativeRequests {

  private static final ClassValue<MethodHandle> REMOTE_ADDR = PerClass.orNull(type -> MethodHandles.publicLookup()
      .findVirtual(type, "getRemoteAddr", MethodType.methodType(String.class))
      .asType(MethodType.methodType(String.class, Object.class)));

  private static final ClassValue<MethodHandle> METHOD = PerClass.orNull(type -> MethodHandles.publicLookup()
      .unreflect(type.getMethod("getMethod"))
      .asType(MethodType.methodType(Object.class, Object.class)));

  private static final ClassValue<MethodHandle> GET_ATTRIBUTE = PerClass.orNull(type -> MethodHandles.publicLookup()
      .findVirtual(type, "getAttribute", MethodType.methodType(Object.class, String.class))
      .asType(MethodType.methodType(Object.class, Object.class, String.class)));

  /** Where servers keep the TLS client's chain (the servlet names; Grizzly uses them too). */
  static final String[] CERTIFICATE_ATTRIBUTES = {
      "jakarta.servlet.request.X509Certificate", "javax.servlet.request.X509Certificate"};

  private NativeRequests() {}

  /** The TLS client's certificate chain, leaf first, or {@code null}. */
  static X509Certificate[] clientCertificates(Object nativeRequest) {
    if (nativeRequest == null) {
      return null;
    }
    MethodHandle getter = GET_ATTRIBUTE.get(nativeRequest.getClass());
    if (getter == null) {
      return null;
    }
    try {
      for (String name : CERTIFICATE_ATTRIBUTES) {
        Object chain = (Object) getter.invokeExact(nativeRequest, name);
        if (chain instanceof X509Certificate[]) {
          return (X509Certificate[]) chain;
        }
      }
    } catch (Throwable t) {
      return null;
    }
    return null;
  }

  /**
   * The method as sent (Jersey answers HEAD with the GET resource method and then reports GET), or
   * {@code null}.
   */
  static String method(Object nativeRequest) {
    if (nativeRequest == null) {
      return null;
    }
    MethodHandle getter = METHOD.get(nativeRequest.getClass());
    if (getter == null) {
      return null;
    }
    try {
      Object method = (Object) getter.invokeExact(nativeRequest);
      return method == null ? null : method.toString();
    } catch (Throwable t) {
      return null;
    }
  }

  /** The peer's address, or {@code null} when there is no native request or it cannot say. */
  static String remoteAddress(Object nativeRequest) {
    if (nativeRequest == null) {
      return null;
    }
    MethodHandle getter = REMOTE_ADDR.get(nativeRequest.getClass());
    if (getter == null) {
      return null;
    }
    try {
      return (String) getter.invokeExact(nativeRequest);
    } catch (Throwable t) {
      return null;
    }
  }
}
