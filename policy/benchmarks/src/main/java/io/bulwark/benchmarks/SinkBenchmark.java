package io.bulwark.benchmarks;

import io.bulwark.bridge.Decision;
import io.bulwark.bridge.SinkHooks;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.sink.RequestInputs;
import io.bulwark.policy.sink.SinkEngine;
import java.io.File;
import java.net.URI;
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
 * The sink checks as the advice reaches them ({@code SinkEngine.check}: settings of the current
 * policy, the request's inputs, the check), for a request with 5 inputs:
 *
 * <ul>
 *   <li>{@code sqlWithInputs}: a 200-character query in which all 5 inputs occur (each is found,
 *       the query is tokenized once and every occurrence checked), the 2 us target;
 *   <li>{@code sqlWithoutInputs}: the same query with inputs that do not occur in it (5 searches);
 *   <li>{@code sqlInjection}: an input that breaks out of its string (finding, audit event built and
 *       handed to a counting log, 403 decision rendered);
 *   <li>{@code file}, {@code url}: a path under an upload directory and a URL whose query carries an
 *       input, the 1 us targets; {@code urlSteered}: the input is the whole URL (an IP literal, so no
 *       DNS lookup in the figure).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SinkBenchmark {

  static final String SQL = "SELECT o.id, o.created_at, o.total, c.name FROM orders o JOIN customers c"
      + " ON c.id = o.customer_id WHERE c.email = 'alice@example.com' AND o.status = 'shipped'"
      + " AND o.total > 25 ORDER BY o.id DESC LIMIT 20";

  private SinkEngine engine;
  private RequestInputs inSql;
  private RequestInputs notInSql;
  private RequestInputs injection;
  private RequestInputs fileInputs;
  private RequestInputs urlInputs;
  private RequestInputs steering;
  private String injectedSql;
  private final File file = new File("/srv/app/uploads/2026/report-q3.pdf");
  private final URI url = URI.create("https://api.partner.example.com/v1/items?q=shoes&page=2");
  private final URI steered = URI.create("http://93.184.216.34/v1/items");

  @Setup
  public void setUp() throws Exception {
    if (SQL.length() < 195 || SQL.length() > 205) {
      throw new IllegalStateException("the query should be about 200 characters, is " + SQL.length());
    }
    Policy policy = PolicyLoader.parse("version: 1\ndefault: allow\nprotect: { ssrf: block }\n", "sinks.yaml");
    engine = new SinkEngine(() -> policy, new DecisionBenchmark.CountingAuditLog());
    inSql = RequestInputs.of("r-1", inputs("alice@example.com", "shipped", "25", "20", "DESC"));
    notInSql = RequestInputs.of("r-2", inputs("bob@example.org", "pending", "Mozilla/5.0 (X11)", "en-US", "session-7f3c"));
    injection = RequestInputs.of("r-3", inputs("x' OR '1'='1", "shipped", "25", "20", "DESC"));
    injectedSql = SQL.replace("alice@example.com", "x' OR '1'='1");
    fileInputs = RequestInputs.of("r-4", inputs("report-q3.pdf", "2026", "Mozilla/5.0 (X11)", "en-US", "session-7f3c"));
    urlInputs = RequestInputs.of("r-5", inputs("shoes", "2", "Mozilla/5.0 (X11)", "en-US", "session-7f3c"));
    steering = RequestInputs.of("r-6", inputs(steered.toString(), "2", "Mozilla/5.0 (X11)", "en-US", "session-7f3c"));
  }

  private static List<RequestInputs.Input> inputs(String... values) {
    return List.of(RequestInputs.input("query.a", values[0]), RequestInputs.input("query.b", values[1]),
        RequestInputs.input("query.c", values[2]), RequestInputs.input("header.user-agent", values[3]),
        RequestInputs.input("cookie.sid", values[4]));
  }

  @Benchmark
  public Decision sqlWithInputs() {
    return engine.check(inSql, SinkHooks.SQL, "java.sql.Statement.executeQuery", null, SQL);
  }

  @Benchmark
  public Decision sqlWithoutInputs() {
    return engine.check(notInSql, SinkHooks.SQL, "java.sql.Statement.executeQuery", null, SQL);
  }

  @Benchmark
  public Decision sqlInjection() {
    return engine.check(injection, SinkHooks.SQL, "java.sql.Statement.executeQuery", null, injectedSql);
  }

  @Benchmark
  public Decision file() {
    return engine.check(fileInputs, SinkHooks.FILE, "java.io.FileInputStream.<init>", null, file);
  }

  @Benchmark
  public Decision url() {
    return engine.check(urlInputs, SinkHooks.CONNECT, "java.net.URL.openConnection", null, url);
  }

  @Benchmark
  public Decision urlSteered() {
    return engine.check(steering, SinkHooks.CONNECT, "java.net.URL.openConnection", null, steered);
  }
}
