package io.bulwark.instrumentation.jaxrs;

import io.bulwark.bridge.DispatchHooks;
import io.bulwark.bridge.RequestView;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request seen through JAX-RS's {@code ContainerRequestContext} (Jersey's {@code ContainerRequest}),
 * after routing: what a server without servlets (Jersey on Grizzly) shows the engine. The peer's
 * address, which JAX-RS does not expose, comes from the server's native request.
 */
final class ContainerRequestView implements RequestView {

  private final JaxRsApi api;
  private final Object request;
  private final String route;
  private final String operation;
  private final Object nativeRequest = DispatchHooks.connection();
  private URI uri;
  private Map<?, ?> headers;

  ContainerRequestView(JaxRsApi api, Object request, String route, String operation) {
    this.api = api;
    this.request = request;
    this.route = route;
    this.operation = operation;
  }

  private URI uri() {
    if (uri == null) {
      try {
        uri = (URI) api.requestUri.invokeExact(api.uriInfo.invokeExact(request));
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }
    return uri;
  }

  @Override
  public String method() {
    String sent = NativeRequests.method(nativeRequest);
    if (sent != null) {
      return sent;
    }
    try {
      return (String) api.method.invokeExact(request);
    } catch (Throwable t) {
      throw JaxRsDispatch.rethrow(t);
    }
  }

  @Override
  public String rawPath() {
    return uri().getRawPath();
  }

  /** java.net.URI decodes the path the way JAX-RS matched it. */
  @Override
  public String containerPath() {
    return uri().getPath();
  }

  @Override
  public String rawQuery() {
    return uri().getRawQuery();
  }

  @Override
  public String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  @Override
  public List<String> headers(String name) {
    if (headers == null) {
      try {
        headers = (Map<?, ?>) api.headers.invokeExact(request);
      } catch (Throwable t) {
        throw JaxRsDispatch.rethrow(t);
      }
    }
    return new ArrayList<>(JaxRsApi.values(headers, name));
  }

  @Override
  public String remoteAddress() {
    return NativeRequests.remoteAddress(nativeRequest);
  }

  @Override
  public X509Certificate[] clientCertificates() {
    return NativeRequests.clientCertificates(nativeRequest);
  }

  @Override
  public String scheme() {
    return uri().getScheme();
  }

  @Override
  public void publish(String name, Object value) {
    try {
      api.setProperty.invokeExact(request, name, value);
    } catch (Throwable t) {
      throw JaxRsDispatch.rethrow(t);
    }
  }

  @Override
  public boolean routed() {
    return true;
  }

  @Override
  public String route() {
    return route;
  }

  @Override
  public String operation() {
    return operation;
  }
}
