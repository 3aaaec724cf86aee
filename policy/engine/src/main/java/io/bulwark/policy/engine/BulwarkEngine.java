package io.bulwark.policy.engine;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.Engine;
import io.bulwark.bridge.RequestView;
import io.bulwark.policy.audit.AuditEvent;
import io.bulwark.policy.audit.AuditField;
import io.bulwark.policy.audit.AuditLog;
import io.bulwark.policy.audit.AuditedHeaders;
import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.model.Action;
import io.bulwark.policy.model.AuditSettings.Outcome;
import io.bulwark.policy.model.Mode;
import io.bulwark.policy.model.Policy;
import io.bulwark.policy.model.Rule;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides each request against the current policy and audits the decision.
 *
 * <p>The policy is held in one volatile field and replaced as a whole, so every request is decided
 * by exactly one policy. Nothing here throws at the caller: an internal failure is logged and
 * audited once per cause and answered as the policy's {@code onAgentError} says.
 */
public final class BulwarkEngine implements Engine {

  private static final Map<String, String> BLOCK_HEADERS = Map.of("Cache-Control", "no-store");

  private final AuditLog audit;
  private volatile Policy policy;

  public BulwarkEngine(Policy policy, AuditLog audit) {
    this.policy = policy;
    this.audit = audit;
  }

  public Policy policy() {
    return policy;
  }

  /** Makes {@code next} decide every request from now on. */
  public void replace(Policy next) {
    policy = next;
  }

  public AuditLog audit() {
    return audit;
  }

  @Override
  public Decision evaluate(RequestView request) {
    long started = System.nanoTime();
    Policy current = policy;
    String requestId = RequestIds.next();
    try {
      request.publish(Bulwark.REQUEST_ID_ATTRIBUTE, requestId);
      Exchange exchange = new Exchange(current, request, RequestReading.of(current, request));
      Verdict verdict = decide(exchange);
      return apply(exchange, requestId, verdict, started);
    } catch (Throwable t) {
      return failure(t, request, requestId, current);
    }
  }

  /**
   * The decision's steps, in order: refuse what cannot be read unambiguously (400); find the rule
   * (first match, else the default); a deny rule refuses (403); a rule's access requirements are
   * checked (401/403). Each later step reads what the earlier ones left on the exchange.
   */
  private static Verdict decide(Exchange exchange) {
    RequestReading reading = exchange.reading();
    if (reading.refused()) {
      return reading.rejection() != null ? Verdict.badPath(reading.rejection()) : Verdict.refused(reading.refusal());
    }
    Policy policy = exchange.policy();
    Rule rule = policy.firstMatch(reading.facts());
    if (rule != null && rule.match().needsRouting() && !reading.facts().routed()) {
      return Verdict.AWAITS_ROUTING; // decided once, where the framework has routed the request
    }
    if (rule == null) {
      return Verdict.byDefault(policy.defaultAction());
    }
    exchange.rule(rule);
    if (rule.action() == Action.DENY) {
      return Verdict.byRule(rule);
    }
    Verdict access = AccessCheck.check(exchange);
    return access != null ? access : Verdict.byRule(rule);
  }

  private Decision apply(Exchange exchange, String requestId, Verdict verdict, long started) {
    Policy policy = exchange.policy();
    if (verdict.awaitsRouting()) {
      return Decision.defer(requestId);
    }
    if (verdict.allows()) {
      if (policy.audit().records(Outcome.ALLOW)) {
        audit.record(requestEvent("allow", exchange, requestId, verdict, started));
      }
      return Decision.allow(requestId);
    }
    if (policy.mode() == Mode.MONITOR) {
      if (policy.audit().records(Outcome.MONITOR)) {
        audit.record(requestEvent("monitor", exchange, requestId, verdict, started)
            .with(AuditField.BULWARK_WOULD_STATUS, verdict.status));
      }
      return Decision.allow(requestId);
    }
    if (policy.audit().records(Outcome.DENY)) {
      audit.record(requestEvent("deny", exchange, requestId, verdict, started)
          .with(AuditField.HTTP_RESPONSE_STATUS, verdict.status));
    }
    return Decision.block(requestId, verdict.status, blockHeaders(verdict),
        ProblemJson.render(verdict.problem, verdict.status, verdict.detail, requestId));
  }

  private static Map<String, String> blockHeaders(Verdict verdict) {
    if (verdict.headers.isEmpty()) {
      return BLOCK_HEADERS;
    }
    Map<String, String> headers = new LinkedHashMap<>(BLOCK_HEADERS);
    headers.putAll(verdict.headers);
    return headers;
  }

  private static AuditEvent requestEvent(String action, Exchange exchange, String requestId, Verdict verdict,
      long started) {
    Policy policy = exchange.policy();
    RequestView request = exchange.request();
    RequestReading reading = exchange.reading();
    Principal principal = exchange.principal();
    return AuditEvent.of(action)
        .with(AuditField.EVENT_REASON, verdict.reason)
        .with(AuditField.EVENT_RULE, verdict.rule)
        .with(AuditField.EVENT_MODE, policy.mode().name().toLowerCase(Locale.ROOT))
        .with(AuditField.HTTP_REQUEST_ID, requestId)
        .with(AuditField.HTTP_REQUEST_METHOD, request.method())
        .with(AuditField.BULWARK_MATCHED_METHOD, reading.overrideHeader() == null ? null : reading.facts().method())
        .with(AuditField.HTTP_REQUEST_HEADERS, AuditedHeaders.of(request, policy.audit().headers()))
        .with(AuditField.HTTP_ROUTE, request.routed() ? request.route() : null)
        .with(AuditField.URL_PATH, request.rawPath())
        .with(AuditField.URL_QUERY, request.rawQuery())
        .with(AuditField.CLIENT_IP, request.remoteAddress())
        .with(AuditField.USER_ID, principal == null ? null : principal.id())
        .with(AuditField.USER_ROLES, principal == null || principal.roles().isEmpty() ? null : principal.roles())
        .with(AuditField.BULWARK_AUTH_SCHEME, principal == null ? null : principal.scheme().auditName())
        .with(AuditField.BULWARK_OPERATION, request.routed() ? request.operation() : null)
        .with(AuditField.BULWARK_LATENCY_US, (System.nanoTime() - started) / 1000);
  }

  @Override
  public Decision failure(Throwable error, RequestView request) {
    return failure(error, request, RequestIds.next(), policy);
  }

  private Decision failure(Throwable error, RequestView request, String requestId, Policy current) {
    try {
      if (AgentLog.errorOnce("engine", error) && current.audit().records(Outcome.ERROR)) {
        // Audited once per cause, like the log line: a failure on every request must not flood the
        // audit trail, and the count is in the agent log.
        audit.record(AuditEvent.of("error")
            .with(AuditField.EVENT_REASON, "agent.error")
            .with(AuditField.EVENT_MODE, current.mode().name().toLowerCase(Locale.ROOT))
            .with(AuditField.HTTP_REQUEST_ID, requestId)
            .with(AuditField.ERROR_TYPE, error.getClass().getName())
            .with(AuditField.ERROR_MESSAGE, String.valueOf(error.getMessage()))
            .with(AuditField.MESSAGE, "Bulwark failed while checking a request; onAgentError "
                + current.onAgentError().name().toLowerCase(Locale.ROOT) + " applies"));
      }
    } catch (Throwable secondary) {
      AgentLog.errorOnce("engine-failure", secondary);
    }
    if (current.onAgentError() == Action.DENY) {
      return Decision.block(requestId, 503, BLOCK_HEADERS, ProblemJson.render(ProblemType.AGENT_ERROR,
          503, ProblemType.AGENT_ERROR.detail, requestId));
    }
    return Decision.allow(requestId);
  }
}
