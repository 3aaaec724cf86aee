package io.bulwark.benchmarks;

import io.bulwark.bridge.Decision;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.engine.BulwarkEngine;
import io.bulwark.policy.engine.RequestReading;
import io.bulwark.policy.load.PolicyLoader;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.RequestFacts;
import io.bulwark.policy.model.Rule;
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
 * Matching one request against a 200-rule policy: 4 rules with wildcards first, then 28 services
 * with 7 rules each. The request that matches is one of the last rules; the one that does not
 * match goes through every candidate to the default.
 *
 * <ul>
 *   <li>{@code match*}: canonicalize the raw path, read what rules need, find the first match (the
 *       engine's matching work, what the 1 us target is about);
 *   <li>{@code linearScan*}: the same without the rule index (every rule tested in order), for
 *       comparison;
 *   <li>{@code decide}: the engine's whole decision (request id, matching, audit event built and
 *       handed to a counting log).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleMatchBenchmark {

  static final int SERVICES = 28;

  private Policy policy;
  private BulwarkEngine engine;
  private final RequestView lateMatch = new DecisionBenchmark.StaticRequest("GET", "/svc27/v2/users/42/orders/7");
  private final RequestView noMatch = new DecisionBenchmark.StaticRequest("DELETE", "/svc27/v9/x");
  private final RequestView denied = new DecisionBenchmark.StaticRequest("POST", "/svc27/v1/admin/users");

  @Setup
  public void setUp() throws Exception {
    policy = PolicyLoader.parse(policyText(), "200-rules.yaml");
    if (policy.rules().size() != 200) {
      throw new IllegalStateException("expected 200 rules, got " + policy.rules().size());
    }
    engine = new BulwarkEngine(policy, new DecisionBenchmark.CountingAuditLog());
  }

  /** 200 rules that do not shadow each other (the loader would refuse them otherwise). */
  static String policyText() {
    StringBuilder yaml = new StringBuilder("version: 1\ndefault: deny\naudit: { events: [deny] }\nrules:\n");
    rule(yaml, "actuator", "/**/actuator/**", null, "deny");
    rule(yaml, "dot-files", "/**/.git/**", null, "deny");
    rule(yaml, "any-health", "/*/health", "[GET]", "allow");
    rule(yaml, "any-metrics", "/*/metrics/{name}", "[GET]", "allow");
    for (int s = 0; s < SERVICES; s++) {
      String svc = "/svc" + s;
      rule(yaml, "svc" + s + "-order", svc + "/v1/orders/{id}", "[GET]", "allow");
      rule(yaml, "svc" + s + "-orders", svc + "/v1/orders", "[GET, POST]", "allow");
      rule(yaml, "svc" + s + "-admin", svc + "/v1/admin/**", null, "deny");
      rule(yaml, "svc" + s + "-v2-orders", svc + "/v2/orders/**", "[GET, PUT]", "allow");
      rule(yaml, "svc" + s + "-user-orders", svc + "/v2/users/{user}/orders/*", "[GET]", "allow");
      rule(yaml, "svc" + s + "-internal", svc + "/internal/**", null, "deny");
      rule(yaml, "svc" + s + "-read", svc + "/**", "[GET]", "allow");
    }
    return yaml.toString();
  }

  private static void rule(StringBuilder yaml, String name, String path, String methods, String action) {
    yaml.append("  - { name: ").append(name).append(", match: { path: \"").append(path).append('"');
    if (methods != null) {
      yaml.append(", methods: ").append(methods);
    }
    yaml.append(" }, action: ").append(action).append(" }\n");
  }

  @Benchmark
  public Rule matchLateRule() {
    return policy.firstMatch(RequestReading.of(policy, lateMatch).facts());
  }

  @Benchmark
  public Rule matchNoRule() {
    return policy.firstMatch(RequestReading.of(policy, noMatch).facts());
  }

  @Benchmark
  public Rule linearScanLateRule() {
    return linear(RequestReading.of(policy, lateMatch).facts());
  }

  @Benchmark
  public Rule linearScanNoRule() {
    return linear(RequestReading.of(policy, noMatch).facts());
  }

  private Rule linear(RequestFacts facts) {
    for (Rule rule : policy.rules()) {
      if (policy.matches(rule, facts)) {
        return rule;
      }
    }
    return null;
  }

  @Benchmark
  public Decision decideLateRule() {
    return engine.evaluate(lateMatch);
  }

  @Benchmark
  public Decision decideDenied() {
    return engine.evaluate(denied);
  }
}
