package io.bulwark.policy.engine;

import io.bulwark.bridge.RequestView;
import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.model.Action;
import io.bulwark.policy.model.MatchCheck;
import io.bulwark.policy.model.Mode;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.RequestFacts;
import io.bulwark.policy.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the policy decides one request, in sentences: the canonical path, the method rules see,
 * the rule that matches and why, and the decision. Built with the same reading and matching code
 * the engine runs ({@link RequestReading}, {@link Policy#firstMatch}, {@link Verdict}).
 */
public final class Explanation {

  private final List<String> lines;
  private final boolean refused;

  private Explanation(List<String> lines, boolean refused) {
    this.lines = List.copyOf(lines);
    this.refused = refused;
  }

  /**
   * @param everyRule also say why each rule before the matching one (or every rule, when none
   *     matches) does not match
   */
  public static Explanation of(Policy policy, RequestView request, boolean everyRule) {
    List<String> lines = new ArrayList<>();
    line(lines, "request", request.method() + " " + request.rawPath());
    RequestReading reading = RequestReading.of(policy, request);
    Verdict verdict;
    if (reading.rejection() != null) {
      line(lines, "canonical path",
          "refused: " + reading.rejection().code() + " (" + reading.reasonDescription() + ")");
      verdict = Verdict.badPath(reading.rejection());
    } else {
      line(lines, "canonical path", reading.path().path());
      if (reading.refusal() != null) {
        line(lines, "refused", reading.refusal().code() + " (" + reading.reasonDescription() + ")");
        verdict = Verdict.refused(reading.refusal());
      } else {
        verdict = matchRules(new Exchange(policy, request, reading), everyRule, lines);
      }
    }
    boolean blocks = !verdict.allows() && policy.mode() == Mode.ENFORCE;
    String mode = policy.mode().keyword();
    line(lines, "decision", verdict.awaitsRouting()
        ? "DEFERRED to the framework's routing: the rule tests the route or operation (give --route or"
            + " --operation to explain the routed request)"
        : verdict.allows() ? "ALLOW (mode " + mode + ")"
        : blocks ? "DENY " + verdict.status + " (mode " + mode + ", event.reason " + verdict.reason + ")"
        : "ALLOW (mode monitor: audited as monitor; enforce would answer " + verdict.status + ", event.reason "
            + verdict.reason + ")");
    return new Explanation(lines, blocks);
  }

  private static Verdict matchRules(Exchange exchange, boolean everyRule, List<String> lines) {
    Policy policy = exchange.policy();
    RequestReading reading = exchange.reading();
    RequestView request = exchange.request();
    RequestFacts facts = reading.facts();
    line(lines, "method", reading.overrideHeader() == null ? facts.method()
        : facts.method() + " (from " + reading.overrideHeader() + "; sent " + request.method() + ")");
    if (policy.testsHosts()) {
      line(lines, "host", facts.host() == null ? "(no Host header)" : facts.host());
    }
    if (facts.routed() && policy.testsRouting()) {
      line(lines, "route", facts.route() == null ? "(none)" : request.route());
      line(lines, "operation", facts.operation() == null ? "(none)" : facts.operation());
    }
    Rule matched = policy.firstMatch(facts);
    if (everyRule) {
      for (Rule rule : policy.rules()) {
        if (rule == matched) {
          break;
        }
        for (MatchCheck check : rule.match().checks(facts, policy.routing().suffixMatch())) {
          if (!check.holds()) {
            line(lines, "skipped", "'" + rule.name() + "' (line " + rule.location().line() + "): " + check);
            break;
          }
        }
      }
    }
    if (matched == null) {
      line(lines, "rule", "none of the " + policy.rules().size() + " rules matches: default "
          + policy.defaultAction().name().toLowerCase(Locale.ROOT) + " applies");
      return Verdict.byDefault(policy.defaultAction());
    }
    line(lines, "rule", "'" + matched.name() + "' (" + matched.location() + ")");
    line(lines, "  match", matched.match().toString());
    for (MatchCheck check : matched.match().checks(facts, policy.routing().suffixMatch())) {
      line(lines, "  " + check.criterion(), check.why());
    }
    if (matched.match().needsRouting() && !facts.routed()) {
      return Verdict.AWAITS_ROUTING;
    }
    if (matched.requirement() == null && matched.condition() == null || matched.action() == Action.DENY) {
      line(lines, "  action", matched.action() == Action.ALLOW ? "allow: the request proceeds to the application"
          : "deny: refused with 403 application/problem+json (event.reason rule.deny)");
      return Verdict.byRule(matched);
    }
    return access(exchange, matched, lines);
  }

  /** What the rule requires, and what this request's credentials (given as --header) prove. */
  private static Verdict access(Exchange exchange, Rule rule, List<String> lines) {
    if (rule.requirement() != null) {
      line(lines, "  require", rule.requirement().toString());
    }
    if (rule.condition() != null) {
      line(lines, "  when", rule.condition().source());
    }
    exchange.rule(rule);
    Verdict refused = AccessCheck.check(exchange);
    Principal principal = exchange.principal();
    if (principal != null) {
      line(lines, "  principal", "'" + principal.id() + "' by " + principal.scheme().keyword()
          + (principal.roles().isEmpty() ? "" : ", roles " + principal.roles())
          + (principal.scopes().isEmpty() ? "" : ", scopes " + principal.scopes()));
    }
    if (refused != null) {
      line(lines, "  refused", refused.status + " " + refused.reason + ": " + refused.detail);
      return refused;
    }
    line(lines, "  action", "allow: the request proceeds to the application");
    return Verdict.byRule(rule);
  }

  private static void line(List<String> lines, String label, String text) {
    StringBuilder line = new StringBuilder(label);
    do {
      line.append(' ');
    } while (line.length() < 16);
    lines.add(line.append(text).toString());
  }

  public List<String> lines() {
    return lines;
  }

  /** Whether the agent would refuse the request (in enforce mode). */
  public boolean refused() {
    return refused;
  }

  @Override
  public String toString() {
    return String.join("\n", lines);
  }
}
