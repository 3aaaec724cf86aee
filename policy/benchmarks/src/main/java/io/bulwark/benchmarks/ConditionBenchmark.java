package io.bulwark.benchmarks;

import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.authz.Condition;
import io.bulwark.policy.authz.ConditionFacts;
import java.util.List;
import java.util.Map;
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

/**
 * One {@code when:} condition evaluated for one request: the load benchmark's SQL route condition
 * (decided by its second operand for a JWT principal) and an object-level check on a claim.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConditionBenchmark {

  private Condition loadBenchmarkRoute;
  private Condition tenantClaim;
  private final ConditionFacts facts = new Facts();

  @Setup
  public void setUp() throws Exception {
    loadBenchmarkRoute = Condition.parse("principal.scheme == 'apiKey' || path.id.size() <= 6", Set.of("id"), true);
    tenantClaim = Condition.parse("principal.claims.tenant == path.tenant && 'customer' in principal.roles",
        Set.of("tenant"), true);
    if (!loadBenchmarkRoute.holds(facts) || !tenantClaim.holds(facts)) {
      throw new IllegalStateException("the benchmark's conditions must hold for its request");
    }
  }

  @Benchmark
  public boolean loadBenchmarkRoute() {
    return loadBenchmarkRoute.holds(facts);
  }

  @Benchmark
  public boolean tenantClaim() {
    return tenantClaim.holds(facts);
  }

  /** A JWT principal of tenant t-7 asking for item 42 of that tenant. */
  static final class Facts implements ConditionFacts {
    private final Principal principal = new Principal("user-1", AuthScheme.JWT, Set.of("customer"),
        Set.of("orders:read"), Map.of("tenant", "t-7", "sub", "user-1"));
    private final Map<String, String> path = Map.of("id", "42", "tenant", "t-7");

    @Override public Principal principal() { return principal; }
    @Override public Map<String, String> pathVariables() { return path; }
    @Override public List<String> query(String name) { return List.of(); }
    @Override public List<String> headers(String name) { return List.of(); }
    @Override public String method() { return "GET"; }
    @Override public String clientIp() { return "203.0.113.9"; }
  }
}
