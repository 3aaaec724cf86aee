package io.bulwark.benchmarks;

import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.engine.ValueInspector;
import io.bulwark.policy.load.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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
 * Request inspection (issue 6): the whole decision for an allowed POST with 10 query parameters,
 * a User-Agent, a cookie and a 2 KB JSON body, every category on, against the same request with no
 * parameters and no body (what the decision costs without inspection). The body is already in
 * memory, as the servlet view holds it once read; the audit counts instead of writing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InspectionBenchmark {

  private static final String POLICY = """
      version: 1
      rules:
        - name: orders
          match: { path: /api/orders/** }
          action: allow
      default: deny
      protect: { xss: block, ssrf: block, ldapInjection: block, nosqlInjection: block, crlfInjection: block }
      """;

  private BulwarkEngine engine;
  /** The same engine with detectors that find nothing at once: the cost of reading and walking the inputs. */
  private BulwarkEngine walkOnly;
  private RequestView full;
  private RequestView bare;

  @Setup
  public void setUp() throws Exception {
    engine = new BulwarkEngine(PolicyLoader.parse(POLICY, "inspection.yaml"), new DecisionBenchmark.CountingAuditLog());
    walkOnly = new BulwarkEngine(PolicyLoader.parse(POLICY, "inspection.yaml"), new DecisionBenchmark.CountingAuditLog(),
        ValueInspector.NONE);
    String query = "customer=carol&item=lamp&quantity=1&color=blue&size=medium&sort=created&page=2"
        + "&per_page=50&q=O%27Brien+lamp&ref=https%3A%2F%2Fexample.com%2Fcatalog";
    StringBuilder json = new StringBuilder("{\"customer\":{\"name\":\"Carol O'Brien\",\"email\":\"carol@example.com\"},"
        + "\"note\":\"Please select the union of both offers\",\"items\":[");
    for (int i = 0; json.length() < 2000; i++) {
      json.append(i == 0 ? "" : ",").append("{\"sku\":\"LAMP-").append(i).append("\",\"title\":\"Desk lamp, warm white\","
          + "\"qty\":").append(i % 3 + 1).append('}');
    }
    json.append("]}");
    full = new InspectedRequest("/api/orders", query, json.toString().getBytes(StandardCharsets.UTF_8));
    bare = new InspectedRequest("/api/orders", null, null);
  }

  @Benchmark
  public Decision tenParametersAnd2KbJson() {
    return engine.evaluate(full);
  }

  @Benchmark
  public Decision tenParametersAnd2KbJsonWithoutDetectors() {
    return walkOnly.evaluate(full);
  }

  @Benchmark
  public Decision noParametersNoBody() {
    return engine.evaluate(bare);
  }

  /**
   * A path with an identifier that changes on every request ({@code /api/orders/17/items}): the
   * literal segments repeat, the identifier is always new, as in a REST API's traffic.
   */
  @Benchmark
  public Decision pathWithChangingId() {
    return engine.evaluate(new InspectedRequest("/api/orders/" + (nextId++ % 1_000_000) + "/items", null, null));
  }

  private long nextId;

  /** A request view with fixed values and a body already read, as the servlet view has it. */
  static final class InspectedRequest implements RequestView {
    private final String path;
    private final String query;
    private final byte[] body;
    private final Map<String, String> headers;

    InspectedRequest(String path, String query, byte[] body) {
      this.path = path;
      this.query = query;
      this.body = body;
      this.headers = body == null
          ? Map.of("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
          : Map.of("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "cookie", "theme=dark; lang=en",
              "content-type", "application/json", "content-length", Integer.toString(body.length));
    }

    @Override public String method() { return "POST"; }
    @Override public String rawPath() { return path; }
    @Override public String containerPath() { return path; }
    @Override public String rawQuery() { return query; }
    @Override public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
    @Override public List<String> headers(String name) {
      String value = header(name);
      return value == null ? List.of() : List.of(value);
    }
    @Override public String remoteAddress() { return "203.0.113.9"; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}
    @Override public byte[] body(int max) { return body; }
    @Override public int headerCount() { return headers.size(); }
  }
}
