package io.bulwark.it.load;

import io.bulwark.it.support.RunningServer;
import io.bulwark.it.support.TestPaths;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A bounded soak: the test app with the agent and the benchmark policy takes {@code requests}
 * (2,000,000) requests from {@code clients} (20,000) distinct client addresses (127.x.y.z, a new
 * connection every 50 requests) with 5,000 distinct JWTs and 5 API keys, one request in three an
 * attack (forged, unsigned and expired tokens, unknown keys, admin paths, traversal spellings,
 * injection-looking parameters). Every tenth of the run the server's heap after a full GC and its
 * threads are read over JMX; at the end the audit trail is checked: one event per request, nothing
 * lost. Run through {@code scripts/load-benchmark.sh soak}.
 */
public final class Soak {

  public static void main(String[] args) throws Exception {
    long requests = Long.getLong("requests", 2_000_000);
    int connections = Integer.getInteger("connections", 8);
    int clients = Integer.getInteger("clients", 20_000);
    int tokenCount = Integer.getInteger("tokens", 5_000);
    Path work = TestPaths.workDir("soak");
    BenchmarkSetup setup = new BenchmarkSetup(work);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < tokenCount; i++) {
      tokens.add(setup.ecToken("user-" + i));
    }
    String expired = expiredLike(tokens.get(0));
    String unsigned = tokens.get(1).substring(0, tokens.get(1).lastIndexOf('.') + 1);
    String unsignedNone = "eyJhbGciOiJub25lIn0." + tokens.get(2).split("\\.")[1] + ".";
    LongFunction<byte[]> traffic = n -> request(n, tokens, expired, unsigned, unsignedNone);
    int jmxPort;
    try (ServerSocket free = new ServerSocket(0)) {
      jmxPort = free.getLocalPort();
    }
    List<String> jmx = List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort, "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false", "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1");
    System.out.printf(Locale.ROOT,
        "soak: %d requests, %d connections, %d client addresses, %d tokens; load average %s%n",
        requests, connections, clients, tokenCount, BenchmarkSetup.loadAverage());
    Map<Integer, Long> statuses = new TreeMap<>();
    long done = 0;
    long errors = 0;
    long started = System.nanoTime();
    RunningServer server = setup.start(true, "512m", jmx);
    try (JMXConnector connector = JMXConnectorFactory.connect(
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
      MBeanServerConnection mbeans = connector.getMBeanServerConnection();
      MemoryMXBean memory =
          ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
      ThreadMXBean threads =
          ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
      System.out.println("| requests done | heap after full GC | threads | bulwark threads | req/s | load |");
      System.out.println("| --- | --- | --- | --- | --- | --- |");
      sample(0, memory, threads, 0, started);
      long step = requests / 10;
      for (int tenth = 1; tenth <= 10; tenth++) {
        long from = done;
        LoadClient client = new LoadClient(server.port(), connections, n -> traffic.apply(from + n),
            i -> "127." + (1 + i % clients / 65536) + "." + (i % clients / 256 % 256) + "." + (1 + i % clients % 250),
            50);
        long t0 = System.nanoTime();
        LoadClient.Result result = client.run(Long.MAX_VALUE / 2_000_000, step);
        done += result.requests;
        errors += result.errors;
        result.statuses.forEach((s, c) -> statuses.merge(s, c, Long::sum));
        sample(done, memory, threads, result.requests / ((System.nanoTime() - t0) / 1e9), started);
      }
    } finally {
      server.close();
    }
    Path audit = work.resolve("agent").resolve("bulwark-audit.jsonl");
    String stop = lastLine(audit);
    long seq = number(stop, "\"seq\":");
    long lost = number(stop, "\"lost\":");
    long lossEvents = 0;
    // Lines that are not request decisions: agent-start and agent-stop (and audit-loss, if any).
    try (Stream<Path> files = Files.list(audit.getParent())) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("bulwark-audit.jsonl")).toList()) {
        try (Stream<String> lines = Files.lines(file)) {
          lossEvents += lines.filter(l -> l.contains("\"action\":\"audit-loss\"")).count();
        }
      }
    }
    long requestEvents = seq - 2 - lossEvents;
    System.out.printf(Locale.ROOT, "%nresponses %d (statuses %s), client errors %d, %.0f s%n", done, statuses, errors,
        (System.nanoTime() - started) / 1e9);
    // Tomcat answers /api/..;/admin/users with 404 itself, before any filter or servlet: such a
    // request never reaches Bulwark or the application, so it has no event (request n with
    // n % 15 == 13 and n even, that is n % 30 == 28).
    long answeredByServer = done > 28 ? (done - 29) / 30 + 1 : 0;
    long reachedApplication = done - answeredByServer;
    System.out.printf(Locale.ROOT, "audit: %d request events (chain seq %d), lost %d; %d requests reached the"
        + " application (%d answered by Tomcat itself): %s%n", requestEvents, seq, lost, reachedApplication,
        answeredByServer, requestEvents == reachedApplication && lost == 0
            ? "one event per request that reached the application" : "MISMATCH");
    System.out.printf(Locale.ROOT, "load average at the end %s; work folder %s%n", BenchmarkSetup.loadAverage(), work);
  }

  private static void sample(long done, MemoryMXBean memory, ThreadMXBean threads, double rate, long started) {
    memory.gc();
    long heap = memory.getHeapMemoryUsage().getUsed();
    long[] ids = threads.getAllThreadIds();
    long bulwark = 0;
    for (var info : threads.getThreadInfo(ids)) {
      if (info != null && info.getThreadName().startsWith("bulwark-")) {
        bulwark++;
      }
    }
    System.out.printf(Locale.ROOT, "| %,d | %.1f MiB | %d | %d | %.0f | %s |%n", done, heap / 1048576.0,
        threads.getThreadCount(), bulwark, rate, BenchmarkSetup.loadAverage());
  }

  /** The request number {@code n} of the mix: two in three benign, one in three an attack. */
  private static byte[] request(long n, List<String> tokens, String expired, String unsigned, String none) {
    String token = tokens.get((int) (n * 7919 % tokens.size()));
    switch ((int) (n % 15)) {
      case 0, 1, 2, 3:
        return BenchmarkSetup.get("/api/hello", "Authorization: Bearer " + token);
      case 4, 5, 6:
        return BenchmarkSetup.get("/api/items/" + (1 + n % 1000), "Authorization: Bearer " + token);
      case 7:
        return BenchmarkSetup.get("/api/hello", "X-API-Key: bench-key-" + (1 + n % 5));
      case 8:
        return BenchmarkSetup.get("/public/status?page=" + n % 100);
      case 9:
        return BenchmarkSetup.get("/api/items/1%27%20OR%20%271%27=%271", "Authorization: Bearer " + token);
      case 10:
        return BenchmarkSetup.get("/api/hello", "Authorization: Bearer " + (n % 2 == 0 ? expired : unsigned));
      case 11:
        return BenchmarkSetup.get("/api/hello", "Authorization: Bearer " + none);
      case 12:
        return BenchmarkSetup.get("/api/hello", "X-API-Key: guess-" + Long.toHexString(n * 0x9E3779B97F4A7C15L));
      case 13:
        return BenchmarkSetup.get(n % 2 == 0 ? "/api/..;/admin/users" : "/public/%2e%2e/api/admin",
            "Authorization: Bearer " + token);
      default:
        return BenchmarkSetup.get("/api/admin/users?q=%3Cscript%3Ealert(1)%3C/script%3E",
            "Authorization: Bearer " + token);
    }
  }

  /** A token whose signature no longer matches (the payload's last character changed). */
  private static String expiredLike(String token) {
    String[] parts = token.split("\\.");
    char last = parts[1].charAt(parts[1].length() - 1);
    return parts[0] + "." + parts[1].substring(0, parts[1].length() - 1) + (last == 'A' ? 'B' : 'A') + "." + parts[2];
  }

  private static String lastLine(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return lines.get(lines.size() - 1);
  }

  private static long number(String json, String key) {
    int at = json.lastIndexOf(key);
    if (at < 0) {
      return -1;
    }
    int end = at + key.length();
    while (end < json.length() && Character.isDigit(json.charAt(end))) {
      end++;
    }
    return Long.parseLong(json.substring(at + key.length(), end));
  }
}
