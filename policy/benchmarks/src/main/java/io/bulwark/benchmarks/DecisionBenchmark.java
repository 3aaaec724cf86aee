package io.bulwark.benchmarks;

import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditLog;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.load.PolicyLoader;
import java.nio.file.Path;
import java.util.List;
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
 * One whole decision for an allowed request against the demo policy: canonicalize, match, decide.
 * The audit log counts instead of writing, so the figure is the request thread's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

  private BulwarkEngine engine;
  private final RequestView orders = new StaticRequest("GET", "/api/orders/42");

  @Setup
  public void setUp() throws Exception {
    engine = new BulwarkEngine(PolicyLoader.load(Path.of(System.getProperty("bulwark.policy",
        "examples/demo/policy.yaml"))), new CountingAuditLog());
  }

  @Benchmark
  public Decision allowedRequest() {
    return engine.evaluate(orders);
  }

  /** A request view with fixed values, as the servlet view would return them. */
  static final class StaticRequest implements RequestView {
    private final String method;
    private final String path;

    StaticRequest(String method, String path) {
      this.method = method;
      this.path = path;
    }

    @Override public String method() { return method; }
    @Override public String rawPath() { return path; }
    @Override public String containerPath() { return path; }
    @Override public String rawQuery() { return null; }
    @Override public String header(String name) { return null; }
    @Override public List<String> headers(String name) { return List.of(); }
    @Override public String remoteAddress() { return "203.0.113.9"; }
    @Override public String scheme() { return "http"; }
    @Override public void publish(String name, Object value) {}
  }

  /** Counts events instead of writing them. */
  static final class CountingAuditLog implements AuditLog {
    private long recorded;
    @Override public void record(AuditEvent event) { recorded++; }
    @Override public long written() { return recorded; }
    @Override public long lost() { return 0; }
    @Override public void close() {}
  }
}
