package io.bulwark.policy.engine;

import io.bulwark.bridge.RequestView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A request as the instrumentation would present it, recording what the engine publishes. */
final class FakeRequest implements RequestView {

  private final Supplier<String> method;
  private final String rawPath;
  final Map<String, Object> published = new LinkedHashMap<>();

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

  @Override
  public String containerPath() {
    return null;
  }

  @Override
  public String rawQuery() {
    return null;
  }

  @Override
  public String header(String name) {
    return null;
  }

  @Override
  public List<String> headers(String name) {
    return List.of();
  }

  @Override
  public String remoteAddress() {
    return "203.0.113.9";
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
