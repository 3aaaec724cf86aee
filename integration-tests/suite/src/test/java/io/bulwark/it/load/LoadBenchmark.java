package io.bulwark.it.load;

import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end overhead: the test app on Tomcat 10.1 without the agent (baseline) and with it (the
 * realistic policy: JWT authentication with roles, a condition, audit of every request), driven on
 * loopback by {@link LoadClient}, runs alternating, for a trivial endpoint and one that runs a SQL
 * query. Prints each run and a Markdown table of medians with the ratios. Run through
 * {@code scripts/load-benchmark.sh}; options as {@code -Dname=value}: {@code seconds} per run (20),
 * {@code rounds} of baseline+agent per endpoint (3), {@code connections} (8), {@code warmup}
 * seconds per server and endpoint (40), {@code endpoints} (comma-separated), {@code threadCpu}, {@code rate} of the
 * paced runs (default 40 % of the baseline's maximum), {@code agentJvmOptions} for the agent's server (a profiler),
 * {@code auditEvents} (comma-separated; every decision by default, {@code deny,monitor,error} for the
 * production default). After the runs at full speed, each endpoint is run paced at that fixed rate,
 * which both servers sustain: the latency table of those runs is what the agent adds to a request
 * without queueing in front of it.
 *
 * <p>Besides throughput and latency, each run reads the server process's CPU time (user + system,
 * all threads, the agent's audit writer included) before and after, and reports it per request:
 * on a machine shared with other work, throughput swings with whatever else runs, while the CPU a
 * server spends per request barely does, so the CPU ratio is the steadier measure of what the agent
 * costs.
 */
public final class LoadBenchmark {

  /**
   * {@code -DthreadCpu=true}: after each run, the server's CPU per request by thread group (where the agent's cost
   * goes).
   */
  private static final boolean THREAD_CPU = Boolean.getBoolean("threadCpu");

  /** The paced runs offer this share of the baseline's measured maximum throughput ({@code -Drate} overrides). */
  private static final double PACED_SHARE = 0.4;

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("seconds", 20);
    int rounds = Integer.getInteger("rounds", 3);
    int connections = Integer.getInteger("connections", 8);
    // the agent's server needs ~40 s under this load on 2 cores before its JIT compilers go idle
    int warmup = Integer.getInteger("warmup", 40);
    Path work = TestPaths.workDir("load-benchmark");
    BenchmarkSetup setup = new BenchmarkSetup(work);
    String everyDecision = "allow,deny,monitor,error"; // what benchmark-policy.yaml audits
    String auditEvents = System.getProperty("auditEvents", everyDecision);
    if (!auditEvents.equals(everyDecision)) {
      setup.auditOnly(auditEvents);
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tokens.add(setup.rsaToken("customer-" + i));
    }
    String[] endpoints = System.getProperty("endpoints", "/api/hello,/api/items/").split(",");
    System.out.printf(Locale.ROOT,
        "load benchmark: %d connections, %d s per run, %d rounds, audited events [%s], load average %s, %s%n",
        connections, seconds, rounds, auditEvents, BenchmarkSetup.loadAverage(), Runtime.version());
    StringBuilder table = new StringBuilder();
    table.append("| endpoint | baseline req/s | agent req/s | ratio | baseline p50 / p99 / p99.9 (µs) | agent p50 / p99 / p99.9 (µs) | added p99 | server CPU per request, baseline / agent (µs) | CPU ratio |\n");
    table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    StringBuilder paced = new StringBuilder();
    paced.append("| endpoint | paced at | baseline p50 / p99 / p99.9 (µs) | agent p50 / p99 / p99.9 (µs) | added p50 | added p99 | server CPU per request, baseline / agent (µs) |\n");
    paced.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    try (RunningServer baseline = setup.start(false, "1g", List.of());
        RunningServer agent = setup.start(true, "1g", agentJvmOptions())) {
      for (String endpoint : endpoints) {
        java.util.function.LongFunction<byte[]> traffic = n -> BenchmarkSetup.get(
            endpoint.endsWith("/") ? endpoint + (1 + n % 1000) : endpoint,
            "Authorization: Bearer " + tokens.get((int) (n % tokens.size())));
        check(baseline, traffic);
        check(agent, traffic);
        new LoadClient(baseline.port(), connections, traffic, null, 0).run(warmup * 1000L, 0);
        new LoadClient(agent.port(), connections, traffic, null, 0).run(warmup * 1000L, 0);
        List<LoadClient.Result> base = new ArrayList<>();
        List<LoadClient.Result> with = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          base.add(report(endpoint, "baseline", round, measure(baseline, connections, traffic, seconds)));
          with.add(report(endpoint, "agent", round, measure(agent, connections, traffic, seconds)));
        }
        double bt = median(base, r -> r.throughput());
        double at = median(with, r -> r.throughput());
        double[] bp = {median(base, r -> r.micros(50)), median(base, r -> r.micros(99)),
            median(base, r -> r.micros(99.9))};
        double[] ap = {median(with, r -> r.micros(50)), median(with, r -> r.micros(99)),
            median(with, r -> r.micros(99.9))};
        double bc = median(base, r -> r.cpuMicrosPerRequest);
        double ac = median(with, r -> r.cpuMicrosPerRequest);
        table.append(String.format(Locale.ROOT, "| `GET %s` | %.0f | %.0f | **%.3f** | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | **%+.0f µs** | %.1f / %.1f | **%.3f** |%n",
            endpoint.endsWith("/") ? endpoint + "{id}" : endpoint, bt, at, at / bt, bp[0], bp[1], bp[2], ap[0], ap[1],
            ap[2], ap[1] - bp[1], bc, ac, bc / ac));
        // The same traffic at a fixed rate both servers sustain (a fraction of the baseline's
        // maximum, as a service runs): latency without queueing, what the agent adds per request.
        double rate = Double.parseDouble(System.getProperty("rate", "0"));
        if (rate == 0) {
          rate = Math.max(1000, Math.floor(bt * PACED_SHARE / 1000) * 1000);
        }
        List<LoadClient.Result> pacedBase = new ArrayList<>();
        List<LoadClient.Result> pacedWith = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          pacedBase.add(report(endpoint, "baseline@" + (int) rate, round,
              measure(baseline, connections, traffic, seconds, rate)));
          pacedWith.add(report(endpoint, "agent@" + (int) rate, round,
              measure(agent, connections, traffic, seconds, rate)));
        }
        double[] pb = {median(pacedBase, r -> r.micros(50)), median(pacedBase, r -> r.micros(99)),
            median(pacedBase, r -> r.micros(99.9))};
        double[] pa = {median(pacedWith, r -> r.micros(50)), median(pacedWith, r -> r.micros(99)),
            median(pacedWith, r -> r.micros(99.9))};
        paced.append(String.format(Locale.ROOT, "| `GET %s` | %.0f req/s | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | **%+.0f µs** | **%+.0f µs** | %.1f / %.1f |%n",
            endpoint.endsWith("/") ? endpoint + "{id}" : endpoint, rate, pb[0], pb[1], pb[2], pa[0], pa[1], pa[2],
            pa[0] - pb[0], pa[1] - pb[1], median(pacedBase, r -> r.cpuMicrosPerRequest),
            median(pacedWith, r -> r.cpuMicrosPerRequest)));
      }
    }
    long auditLines = Files.lines(work.resolve("agent").resolve("bulwark-audit.jsonl")).count();
    System.out.println();
    System.out.print(table);
    System.out.println();
    System.out.print(paced);
    System.out.printf(Locale.ROOT, "%nload average at the end %s; agent audit file: %d lines; work folder %s%n",
        BenchmarkSetup.loadAverage(), auditLines, work);
  }

  /**
   * Extra JVM options of the agent's server, {@code -DagentJvmOptions="-XX:StartFlightRecording=..."}
   * (space-separated): to profile where the agent's share of a request goes under this load.
   */
  private static List<String> agentJvmOptions() {
    String options = System.getProperty("agentJvmOptions", "").trim();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /** One request through each server first: the runs measure what they should. */
  private static void check(RunningServer server, java.util.function.LongFunction<byte[]> traffic) throws Exception {
    LoadClient.Result probe = new LoadClient(server.port(), 1, traffic, null, 0).run(10_000, 3);
    if (probe.statuses.getOrDefault(200, 0L) != 3) {
      throw new IllegalStateException("the server does not answer 200 to the benchmark's requests: " + probe.statuses
          + " (is PostgreSQL up at " + BenchmarkSetup.DATABASE + "?)\n" + server.output());
    }
  }

  /** One run, with the server's CPU time per completed request. */
  private static LoadClient.Result measure(RunningServer server, int connections,
      java.util.function.LongFunction<byte[]> traffic, int seconds) throws Exception {
    return measure(server, connections, traffic, seconds, 0);
  }

  /** One run paced at {@code rate} requests per second (0: as fast as the server answers). */
  private static LoadClient.Result measure(RunningServer server, int connections,
      java.util.function.LongFunction<byte[]> traffic, int seconds, double rate) throws Exception {
    long cpuBefore = cpuNanos(server);
    java.util.Map<String, Double> threadsBefore = THREAD_CPU ? ThreadCpu.of(server.pid()) : null;
    LoadClient.Result result = new LoadClient(server.port(), connections, traffic, null, 0).paced(rate)
        .run(seconds * 1000L, 0);
    long requests = result.requests;
    result.cpuMicrosPerRequest = requests == 0 ? 0 : (cpuNanos(server) - cpuBefore) / 1000.0 / requests;
    if (THREAD_CPU) {
      System.out.println("  CPU µs per request by thread: "
          + ThreadCpu.perRequest(threadsBefore, ThreadCpu.of(server.pid()), requests));
    }
    return result;
  }

  private static long cpuNanos(RunningServer server) {
    return ProcessHandle.of(server.pid()).flatMap(p -> p.info().totalCpuDuration())
        .orElseThrow(() -> new IllegalStateException("no CPU time for the server process")).toNanos();
  }

  private static LoadClient.Result report(String endpoint, String which, int round, LoadClient.Result r) {
    System.out.printf(Locale.ROOT, "%-12s %-8s round %d: %8.0f req/s  p50 %6.0f µs  p99 %6.0f µs  p99.9 %7.0f µs  statuses %s errors %d  CPU %.1f µs/req  load %s%n",
        endpoint, which, round, r.throughput(), r.micros(50), r.micros(99), r.micros(99.9), r.statuses, r.errors,
        r.cpuMicrosPerRequest,
        BenchmarkSetup.loadAverage());
    return r;
  }

  private static double median(List<LoadClient.Result> results,
      java.util.function.ToDoubleFunction<LoadClient.Result> f) {
    double[] values = results.stream().mapToDouble(f).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
