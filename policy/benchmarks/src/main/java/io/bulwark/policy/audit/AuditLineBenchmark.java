package io.bulwark.policy.audit;

import java.io.ByteArrayOutputStream;
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
 * What the audit writer thread spends on one line: formatting an event as the load benchmark's
 * allowed requests produce it, masking, and sealing it into the chain (SHA-256). In this package
 * because the line format is the writer's own, not API.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AuditLineBenchmark {

  private final AuditLineFormat format = new AuditLineFormat();
  private final ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 16);
  private AuditEvent allow;
  private AuditEvent deny;
  private long seq;

  @Setup
  public void events() {
    allow = AuditEvent.of("allow")
        .with(AuditField.EVENT_REASON, "rule")
        .with(AuditField.EVENT_RULE, "hello")
        .with(AuditField.EVENT_MODE, "enforce")
        .with(AuditField.HTTP_REQUEST_ID, "8c4745dcf4bb7d3071beb092457a113b")
        .with(AuditField.HTTP_REQUEST_METHOD, "GET")
        .with(AuditField.URL_PATH, "/api/hello")
        .with(AuditField.CLIENT_IP, "127.0.0.1")
        .with(AuditField.USER_ID, "customer-15")
        .with(AuditField.USER_ROLES, List.of("customer"))
        .with(AuditField.BULWARK_AUTH_SCHEME, "jwt")
        .with(AuditField.BULWARK_LATENCY_US, 5L);
    deny = AuditEvent.of("deny")
        .with(AuditField.EVENT_REASON, "sqli.tautology")
        .with(AuditField.EVENT_RULE, "items")
        .with(AuditField.EVENT_MODE, "enforce")
        .with(AuditField.HTTP_REQUEST_ID, "7f3c00000000000000001000000002a")
        .with(AuditField.HTTP_REQUEST_METHOD, "GET")
        .with(AuditField.HTTP_RESPONSE_STATUS, 403)
        .with(AuditField.URL_PATH, "/api/items/1' OR '1'='1")
        .with(AuditField.URL_QUERY, "page=2&sort=name")
        .with(AuditField.CLIENT_IP, "203.0.113.9")
        .with(AuditField.USER_ID, "customer-15")
        .with(AuditField.THREAT_TECHNIQUE, "sqli")
        .with(AuditField.THREAT_LOCATION, "path.id")
        .with(AuditField.THREAT_EVIDENCE, "1' OR '1'='1")
        .with(AuditField.BULWARK_LATENCY_US, 17L);
  }

  @Benchmark
  public int allowedRequest() {
    return line(allow);
  }

  /** The same line formatted but not sealed: the rest of {@link #allowedRequest} is the SHA-256 chain. */
  @Benchmark
  public int allowedRequestUnsealed() {
    allow.link(++seq, "d1d0f8528f6237918131b5eb8c49a3a1ecdd2c9058f8e5e896beaf386e17b634");
    return format.prepare(allow);
  }

  @Benchmark
  public int deniedInjection() {
    return line(deny);
  }

  private int line(AuditEvent event) {
    event.link(++seq, "d1d0f8528f6237918131b5eb8c49a3a1ecdd2c9058f8e5e896beaf386e17b634");
    int length = format.prepare(event);
    batch.reset();
    format.writeTo(batch);
    return length + batch.size();
  }
}
