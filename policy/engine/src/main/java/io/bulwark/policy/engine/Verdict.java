package io.bulwark.policy.engine;

import io.bulwark.policy.model.Action;
import io.bulwark.policy.model.Rule;
import io.bulwark.policy.auth.AuthFailure;
import io.bulwark.policy.path.Rejection;
import java.util.Map;

/**
 * What the policy says about one request, before the mode (enforce or monitor) is applied: the
 * action, the status a refusal answers with, the reason code audited, the deciding rule, and the
 * problem shown to the client.
 */
final class Verdict {

  static final Verdict DEFAULT_ALLOW = new Verdict(Action.ALLOW, 0, "default", null, null);
  static final Verdict DEFAULT_DENY =
      new Verdict(Action.DENY, 403, "default.deny", null, ProblemType.ACCESS_DENIED);
  /** The deciding rule tests the route or operation, and the request is not routed yet. */
  static final Verdict AWAITS_ROUTING = new Verdict(Action.ALLOW, 0, "routing", null, null);

  final Action action;
  final int status;
  final String reason;
  final String rule;
  final ProblemType problem;
  final String detail;
  /**
   * Response headers the refusal needs besides the problem's ({@code WWW-Authenticate}, ...); for an
   * allowing verdict, headers added to the application's response ({@code RateLimit}, ...).
   */
  final Map<String, String> headers;
  /**
   * The injection found in an input: of a refusal, what it refused; of an allowing verdict, a
   * detection the policy only monitors (audited as {@code monitor}, the request proceeds).
   */
  final Threat threat;

  private Verdict(Action action, int status, String reason, String rule, ProblemType problem) {
    this(action, status, reason, rule, problem, problem == null ? null : problem.detail, Map.of());
  }

  private Verdict(Action action, int status, String reason, String rule, ProblemType problem, String detail,
      Map<String, String> headers) {
    this(action, status, reason, rule, problem, detail, headers, null);
  }

  private Verdict(Action action, int status, String reason, String rule, ProblemType problem, String detail,
      Map<String, String> headers, Threat threat) {
    this.action = action;
    this.status = status;
    this.reason = reason;
    this.rule = rule;
    this.problem = problem;
    this.detail = detail;
    this.headers = headers;
    this.threat = threat;
  }

  /** An input looks like an injection the policy blocks: 403. */
  static Verdict injection(String rule, Threat threat) {
    return new Verdict(Action.DENY, 403, threat.reason(), rule, ProblemType.INJECTION, ProblemType.INJECTION.detail,
        Map.of(), threat);
  }

  /** This allowing verdict, carrying a detection the policy monitors. */
  Verdict monitoring(Threat monitored) {
    return new Verdict(action, status, monitored.reason(), rule, problem, detail, headers, monitored);
  }

  /** Over one of the policy's {@code limits}: 413, 400 or 431. */
  static Verdict overLimit(String rule, ProblemType problem, int status, String reason) {
    return new Verdict(Action.DENY, status, reason, rule, problem, problem.detail, Map.of());
  }

  static Verdict byRule(Rule rule) {
    return rule.action() == Action.ALLOW
        ? new Verdict(Action.ALLOW, 0, "rule", rule.name(), null)
        : new Verdict(Action.DENY, 403, "rule.deny", rule.name(), ProblemType.ACCESS_DENIED);
  }

  static Verdict byDefault(Action action) {
    return action == Action.ALLOW ? DEFAULT_ALLOW : DEFAULT_DENY;
  }

  static Verdict badPath(Rejection rejection) {
    return new Verdict(Action.DENY, 400, rejection.code(), null, ProblemType.BAD_REQUEST_PATH,
        ProblemType.BAD_REQUEST_PATH.detail + " (" + rejection.description() + ").", Map.of());
  }

  static Verdict refused(Refusal refusal) {
    return new Verdict(Action.DENY, 400, refusal.code(), null, ProblemType.AMBIGUOUS_REQUEST,
        ProblemType.AMBIGUOUS_REQUEST.detail + " (" + refusal.description() + ").", Map.of());
  }

  /** No credential, or one that was not accepted (401), malformed (400) or not checkable now (503). */
  static Verdict unauthenticated(String rule, AuthFailure failure, String challenge) {
    Map<String, String> headers = challenge == null ? Map.of() : Map.of("WWW-Authenticate", challenge);
    if (failure == null) {
      return new Verdict(Action.DENY, 401, "auth.missing", rule, ProblemType.UNAUTHENTICATED,
          ProblemType.UNAUTHENTICATED.detail, headers);
    }
    ProblemType problem = failure.status() == 503 ? ProblemType.AUTH_UNAVAILABLE
        : failure.status() == 400 ? ProblemType.BAD_CREDENTIALS : ProblemType.UNAUTHENTICATED;
    return new Verdict(Action.DENY, failure.status(), failure.reason(), rule, problem,
        failure.description(), failure.status() == 503 ? Map.of() : headers);
  }

  /** Over a rule's rate limit: 429 with {@code Retry-After}, {@code RateLimit-Policy}, {@code RateLimit}. */
  static Verdict rateLimited(String rule, Map<String, String> headers) {
    return new Verdict(Action.DENY, 429, "ratelimit.exceeded", rule, ProblemType.RATE_LIMITED,
        ProblemType.RATE_LIMITED.detail, headers);
  }

  /** The shared rate-limit store cannot answer and the policy says {@code onUnavailable: deny}: 503. */
  static Verdict rateLimitUnavailable(String rule) {
    return new Verdict(Action.DENY, 503, "ratelimit.unavailable", rule, ProblemType.RATE_LIMIT_UNAVAILABLE,
        ProblemType.RATE_LIMIT_UNAVAILABLE.detail, Map.of("Retry-After", "1"));
  }

  /** The client is banned ({@code bans:}): 429 with {@code Retry-After} until the ban ends. */
  static Verdict banned(String rule, long retryAfterSeconds) {
    return new Verdict(Action.DENY, 429, "ban.active", rule, ProblemType.CLIENT_BANNED,
        ProblemType.CLIENT_BANNED.detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /** This allowing verdict, with response headers for the application's response (RateLimit, ...). */
  Verdict withHeaders(Map<String, String> responseHeaders) {
    return new Verdict(action, status, reason, rule, problem, detail, responseHeaders, threat);
  }

  /** Authenticated, but not allowed by the rule: 403. */
  static Verdict forbidden(String rule, String reason, Map<String, String> headers) {
    return new Verdict(Action.DENY, 403, reason, rule, ProblemType.ACCESS_DENIED,
        ProblemType.ACCESS_DENIED.detail, headers);
  }

  boolean allows() {
    return action == Action.ALLOW;
  }

  boolean awaitsRouting() {
    return this == AWAITS_ROUTING;
  }
}
