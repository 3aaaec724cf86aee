package io.bulwark.instrumentation.routing;

import io.bulwark.bridge.RequestView;
import java.security.cert.X509Certificate;
import java.util.List;

/** A servlet entry's view of a request, once the framework has routed it: the same request plus its route. */
public final class RoutedView implements RequestView {

  private final RequestView request;
  private final String route;
  private final String operation;

  public RoutedView(RequestView request, String route, String operation) {
    this.request = request;
    this.route = route;
    this.operation = operation;
  }

  @Override public String method() { return request.method(); }
  @Override public String rawPath() { return request.rawPath(); }
  @Override public String containerPath() { return request.containerPath(); }
  @Override public String rawQuery() { return request.rawQuery(); }
  @Override public String header(String name) { return request.header(name); }
  @Override public List<String> headers(String name) { return request.headers(name); }
  @Override public String remoteAddress() { return request.remoteAddress(); }
  @Override public String scheme() { return request.scheme(); }
  @Override public X509Certificate[] clientCertificates() { return request.clientCertificates(); }
  @Override public void publish(String name, Object value) { request.publish(name, value); }
  @Override public byte[] body(int max) { return request.body(max); }
  @Override public int headerCount() { return request.headerCount(); }
  @Override public boolean routed() { return true; }
  @Override public String route() { return route; }
  @Override public String operation() { return operation; }
}
