import java.nio.file.*;
import java.util.*;
/**
 * A program that does nothing: sleeps, then prints the CPU time its JVM has used (user + system,
 * from /proc/self/stat) and per thread group (/proc/self/task; "dead" is what threads that have
 * ended used). Run with and without -javaagent, it shows the agent's own start-up work with no
 * application in the way. Used by scripts/idle-cpu-benchmark.sh.
 */
public class IdleCpu {
  public static void main(String[] a) throws Exception {
    Thread.sleep(Long.parseLong(a[0]));
    long hz = 100; // USER_HZ, 100 on Linux
    String[] f = Files.readString(Path.of("/proc/self/stat")).split("\\) ")[1].split(" ");
    long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / hz;
    StringBuilder sb = new StringBuilder();
    long threads = 0;
    Map<String, Long> by = new TreeMap<>();
    try (var ds = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : ds) {
        String s = Files.readString(t.resolve("stat"));
        String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
        String[] g = s.substring(s.lastIndexOf(") ") + 2).split(" ");
        long c = (Long.parseLong(g[11]) + Long.parseLong(g[12])) * 1000 / hz;
        threads += c;
        by.merge(name.replaceAll("[0-9]+$", ""), c, Long::sum);
      }
    }
    System.out.println("cpu " + cpu + " live " + threads + " dead " + (cpu - threads) + " " + by);
  }
}
