package io.bulwark.policy.testing;

import io.bulwark.bridge.RequestView;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** A request as the instrumentation would present it, recording what the engine publishes. */
public final class FakeRequest implements RequestView {

  private final Supplier<String> method;
  private final String rawPath;
  public final Map<String, Object> published = new LinkedHashMap<>();
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private String containerPath;
  private boolean routed;
  private String route;
  private String operation;
  private String rawQuery;
  private String remoteAddress = "203.0.113.9";
  private X509Certificate[] certificates;
  private byte[] body;
  /** How many bytes the engine asked for, or -1 when it never read the body. */
  public int bodyReadWith = -1;

  private FakeRequest(Supplier<String> method, String rawPath) {
    this.method = method;
    this.rawPath = rawPath;
  }

  public static FakeRequest of(String method, String rawPath) {
    return new FakeRequest(() -> method, rawPath);
  }

  /** A request whose {@link #method} answers with {@code method}, which may throw. */
  public static FakeRequest withMethod(Supplier<String> method, String rawPath) {
    return new FakeRequest(method, rawPath);
  }

  @Override
  public String method() {
    return method.get();
  }

  @Override
  public String rawPath() {
    return rawPath;
  }

  /** Adds a header value (names are case-insensitive; repeat to send the header twice). */
  public FakeRequest header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    return this;
  }

  /** The path the container would route on; {@code null} (the default) when it has no view. */
  public FakeRequest containerPath(String path) {
    this.containerPath = path;
    return this;
  }

  /** The container cannot say which path it routes (Jetty throws for an ambiguous URI). */
  public FakeRequest containerPathFails() {
    this.containerPath = "\0fail";
    return this;
  }

  @Override
  public String containerPath() {
    if ("\0fail".equals(containerPath)) {
      throw new IllegalArgumentException("Ambiguous URI path encoding");
    }
    return containerPath;
  }

  /** A body with its Content-Type and Content-Length (chunked, without Content-Length, when {@code chunked}). */
  public FakeRequest body(String contentType, byte[] bytes, boolean chunked) {
    this.body = bytes;
    header("Content-Type", contentType);
    return chunked ? header("Transfer-Encoding", "chunked") : header("Content-Length", Integer.toString(bytes.length));
  }

  public FakeRequest body(String contentType, String text) {
    return body(contentType, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
  }

  @Override
  public byte[] body(int max) {
    bodyReadWith = max;
    return body == null ? new byte[0] : java.util.Arrays.copyOf(body, Math.min(body.length, max + 1));
  }

  @Override
  public int headerCount() {
    return headers.values().stream().mapToInt(List::size).sum();
  }

  /** The raw query string, still encoded, without '?'. */
  public FakeRequest query(String raw) {
    this.rawQuery = raw;
    return this;
  }

  /** The directly connected peer's address. */
  public FakeRequest remoteAddress(String address) {
    this.remoteAddress = address;
    return this;
  }

  /** The verified client certificate chain of a mutual-TLS connection. */
  public FakeRequest certificates(X509Certificate... chain) {
    this.certificates = chain;
    return this;
  }

  @Override
  public String rawQuery() {
    return rawQuery;
  }

  @Override
  public X509Certificate[] clientCertificates() {
    return certificates;
  }

  @Override
  public String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  @Override
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public String scheme() {
    return "http";
  }

  /** The request as seen after the framework's routing. */
  public FakeRequest routed(String route, String operation) {
    this.routed = true;
    this.route = route;
    this.operation = operation;
    return this;
  }

  @Override
  public boolean routed() {
    return routed;
  }

  @Override
  public String route() {
    return route;
  }

  @Override
  public String operation() {
    return operation;
  }

  @Override
  public void publish(String name, Object value) {
    published.put(name, value);
  }
}
