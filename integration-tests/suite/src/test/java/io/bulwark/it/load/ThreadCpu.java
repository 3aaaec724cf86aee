package io.bulwark.it.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A server's CPU time by thread group (Linux /proc): request threads, GC, JIT compilers, the
 * agent's own threads. Samples of Java code miss what the VM does for it (compiling, collecting);
 * this tells which kind of thread an extra microsecond per request went to. Groups are thread
 * names without their numbers ({@code http-nio-8080-exec-3} counts as {@code http-nio-#-exec-#}).
 */
final class ThreadCpu {

  /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100;

  private ThreadCpu() {}

  /** CPU seconds by thread group of process {@code pid}, or empty where /proc is not there. */
  static Map<String, Double> of(long pid) {
    Map<String, Double> groups = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return groups;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"));
          // pid (comm) state ...: the name may hold spaces and parentheses, the fields follow the last ')'
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
          String[] fields = stat.substring(close + 2).split(" ");
          double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
          groups.merge(name, seconds, Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read
        }
      });
    } catch (IOException e) {
      return groups;
    }
    return groups;
  }

  /** Microseconds per request by group between two readings, largest first, groups under 0.5 µs left out. */
  static String perRequest(Map<String, Double> before, Map<String, Double> after, long requests) {
    StringBuilder line = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(),
            (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) * 1e6 / Math.max(1, requests)))
        .filter(e -> e.getValue() >= 0.5)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .forEach(e -> line.append(String.format(Locale.ROOT, "%s %.1f, ", e.getKey(), e.getValue())));
    return line.length() == 0 ? "" : line.substring(0, line.length() - 2);
  }
}
