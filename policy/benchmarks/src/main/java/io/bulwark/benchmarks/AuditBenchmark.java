package io.bulwark.benchmarks;

import io.bulwark.policy.audit.AsyncAuditWriter;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.model.AuditSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The audit log's two costs, with the real writer writing real files:
 *
 * <ul>
 *   <li>{@code requestWithAuditEvent} vs {@code requestBaseline}: what recording one event (built as
 *       the engine builds a deny event, then queued) adds to a request thread. Each operation also
 *       does a fixed amount of "request work" (about 5 µs), so events arrive at a rate the writer
 *       sustains, as they do in a service; the difference of the two medians is the recording cost.
 *   <li>{@code writerThroughput}: events recorded back to back into a small queue, so the writer's
 *       back-pressure paces the producer: operations per second is what the writer sustains to disk
 *       (formatted, masked, hash-chained, written, forced once a second). Each iteration's teardown
 *       checks that every event reached the file.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class AuditBenchmark {

  /** About 5 µs of CPU per operation on the machine the figures were taken on. */
  static final long REQUEST_WORK_TOKENS = 2_000;

  static AuditEvent denyEvent(long n) {
    return AuditEvent.of("deny")
        .with(AuditField.EVENT_REASON, "rule.deny")
        .with(AuditField.EVENT_RULE, "admin")
        .with(AuditField.EVENT_MODE, "enforce")
        .with(AuditField.HTTP_REQUEST_ID, "7f3c0000000000000000" + Long.toHexString(0x100000000000L + n))
        .with(AuditField.HTTP_REQUEST_METHOD, "GET")
        .with(AuditField.HTTP_RESPONSE_STATUS, 403)
        .with(AuditField.URL_PATH, "/api/admin/stats")
        .with(AuditField.URL_QUERY, "page=2&sort=name")
        .with(AuditField.CLIENT_IP, "203.0.113.9")
        .with(AuditField.BULWARK_LATENCY_US, 17L);
  }

  /** A writer on a fresh temporary folder, closed and checked after each iteration. */
  @State(Scope.Benchmark)
  public static class Writer {
    Path dir;
    AsyncAuditWriter writer;
    long recorded;

    @Setup(Level.Iteration)
    public void open() throws IOException {
      dir = Files.createTempDirectory("bulwark-audit-bench");
      writer = new AsyncAuditWriter(AuditSettings.builder().file(dir.resolve("audit.jsonl")).queueSize(queueSize()).build());
      recorded = 0;
    }

    int queueSize() {
      return AuditSettings.DEFAULT_QUEUE_SIZE;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      writer.close();
      if (writer.written() != recorded || writer.lost() != 0) {
        throw new IllegalStateException("recorded " + recorded + " but wrote " + writer.written() + ", lost " + writer.lost());
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
  }

  /** A small queue, so the producer runs into back-pressure at once and measures the writer. */
  @State(Scope.Benchmark)
  public static class SmallQueueWriter extends Writer {
    @Override
    int queueSize() {
      return 1024;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public void requestBaseline() {
    Blackhole.consumeCPU(REQUEST_WORK_TOKENS);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public void requestWithAuditEvent(Writer state) {
    Blackhole.consumeCPU(REQUEST_WORK_TOKENS);
    state.writer.record(denyEvent(state.recorded++));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void writerThroughput(SmallQueueWriter state) {
    state.writer.record(denyEvent(state.recorded++));
  }
}
