package io.bulwark.policy.engine;

import io.bulwark.bridge.RequestView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** A request as the instrumentation would present it, recording what the engine publishes. */
final class FakeRequest implements RequestView {

  private final Supplier<String> method;
  private final String rawPath;
  final Map<String, Object> published = new LinkedHashMap<>();
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private String containerPath;
  private String remoteAddress = "203.0.113.9";

  private FakeRequest(Supplier<String> method, String rawPath) {
    this.method = method;
    this.rawPath = rawPath;
  }

  static FakeRequest of(String method, String rawPath) {
    return new FakeRequest(() -> method, rawPath);
  }

  /** A request whose {@link #method} answers with {@code method}, which may throw. */
  static FakeRequest withMethod(Supplier<String> method, String rawPath) {
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
  FakeRequest header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    return this;
  }

  /** The path the container would route on; {@code null} (the default) when it has no view. */
  FakeRequest containerPath(String path) {
    this.containerPath = path;
    return this;
  }

  /** The container cannot say which path it routes (Jetty throws for an ambiguous URI). */
  FakeRequest containerPathFails() {
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

  @Override
  public String rawQuery() {
    return null;
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

  /** The socket's peer (203.0.113.9 unless set). */
  FakeRequest from(String peer) {
    this.remoteAddress = peer;
    return this;
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public String scheme() {
    return "http";
  }

  @Override
  public void publish(String name, Object value) {
    published.put(name, value);
  }
}
