package io.bulwark.benchmarks;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.sink.RequestInputs;
import io.bulwark.policy.sink.SinkEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the first sink check of a request pays before it compares anything: reading the request's
 * inputs (query, container parameters, path segments, input headers, cookies) from its view.
 * {@code getWithQuery}: {@code GET /api/orders/2026/items/42?status=shipped&sort=created_at} with a
 * User-Agent and two cookies; {@code getWithoutQuery}: {@code GET /api/items/42}, as the load
 * benchmark's SQL endpoint.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestInputsBenchmark {

  private SinkEngine engine;
  private final RequestView withQuery = new View("/api/orders/2026/items/42", "status=shipped&sort=created_at",
      Map.of("status", new String[] {"shipped"}, "sort", new String[] {"created_at"}));
  private final RequestView withoutQuery = new View("/api/items/42", null, Map.of());

  @Setup
  public void setUp() throws Exception {
    Policy policy = PolicyLoader.parse("version: 1\ndefault: allow\nprotect: { sqlInjection: block }\n", "inputs.yaml");
    engine = new SinkEngine(() -> policy, new DecisionBenchmark.CountingAuditLog());
    if (inputs(withQuery).size() < 6) {
      throw new IllegalStateException("expected the query, path and header inputs: " + inputs(withQuery));
    }
  }

  private List<RequestInputs.Input> inputs(RequestView view) {
    return ((RequestInputs) engine.begin(view, "r-1")).all();
  }

  @Benchmark
  public List<RequestInputs.Input> getWithQuery() {
    return inputs(withQuery);
  }

  @Benchmark
  public List<RequestInputs.Input> getWithoutQuery() {
    return inputs(withoutQuery);
  }

  /** A request view with fixed values; header reads return new strings, as a container's do. */
  static final class View implements RequestView {
    private final String path;
    private final String query;
    private final Map<String, String[]> parameters;

    View(String path, String query, Map<String, String[]> parameters) {
      this.path = path;
      this.query = query;
      this.parameters = parameters;
    }

    @Override public String method() { return "GET"; }
    @Override public String rawPath() { return path; }
    @Override public String containerPath() { return path; }
    @Override public String rawQuery() { return query; }
    @Override public Map<String, String[]> parameters() { return parameters; }
    @Override public String remoteAddress() { return "203.0.113.9"; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}

    @Override
    public String header(String name) {
      switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "user-agent":
          return new String("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        case "cookie":
          return new String("sid=7f3c9a1e5b2d4f60; theme=dark");
        default:
          return null;
      }
    }

    @Override
    public List<String> headers(String name) {
      String value = header(name);
      return value == null ? List.of() : List.of(value);
    }
  }
}
