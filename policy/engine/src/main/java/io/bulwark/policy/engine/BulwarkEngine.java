package io.bulwark.policy.engine;

import io.bulwark.bridge.AgentLog;
import io.bulwark.bridge.Bulwark;
import io.bulwark.bridge.Decision;
import io.bulwark.bridge.Engine;
import io.bulwark.bridge.RequestView;
import io.bulwark.bridge.VerifiedPrincipal;
import io.bulwark.policy.abuse.BanSettings;
import io.bulwark.policy.abuse.Bans;
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
import io.bulwark.policy.ratelimit.RateLimitStore;
import io.bulwark.policy.ratelimit.Stores;
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
  /** Rate-limit buckets and bans outlive reloads that keep their settings (see {@link #replace}). */
  private final Stores stores;
  private volatile Bans bans;
  private final ValueInspector inspector;

  public BulwarkEngine(Policy policy, AuditLog audit) {
    this(policy, audit, Inspectors.standard());
  }

  /** An engine whose request inspection runs {@code inspector} (tests give their own detectors). */
  public BulwarkEngine(Policy policy, AuditLog audit, ValueInspector inspector) {
    this.policy = policy;
    this.audit = audit;
    this.inspector = inspector;
    this.stores = new Stores(new StoreAudit(audit, this::policy));
    adopt(policy);
  }

  public Policy policy() {
    return policy;
  }

  /** Makes {@code next} decide every request from now on. */
  public void replace(Policy next) {
    adopt(next);
    policy = next;
  }

  /** Opens the store and ban list {@code next} needs, keeping the running ones its settings match. */
  private void adopt(Policy next) {
    stores.use(next.hasRateLimits() ? next.rateLimitStore() : null);
    BanSettings settings = next.bans();
    Bans running = bans;
    bans = !settings.enabled() ? null : running != null && running.settings().equals(settings) ? running
        : new Bans(settings);
  }

  /** Closes the rate-limit store (a Redis connection); requests are no longer limited. */
  public void close() {
    stores.close();
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
      Bans currentBans = bans;
      Verdict verdict = decide(exchange, currentBans, stores.current(), inspector);
      Bans.Ban ban = currentBans == null ? null : BanCheck.count(exchange, verdict, currentBans);
      Decision decision = apply(exchange, requestId, verdict, started);
      if (ban != null) {
        audit.record(banEvent(exchange, requestId, ban));
      }
      return decision;
    } catch (Throwable t) {
      return failure(t, request, requestId, current);
    }
  }

  /**
   * The decision's steps, in order: refuse what cannot be read unambiguously (400); find the rule
   * (first match, else the default); a deny rule refuses (403); a rule's access requirements are
   * checked (401/403); the rule's rate limit (429); the request's size and inputs (413, 400, 431;
   * 403 for an injection, see {@link InputInspection}). A banned client is refused first (429).
   * Each later step reads what the earlier ones left on the exchange.
   */
  private static Verdict decide(Exchange exchange, Bans bans, RateLimitStore store, ValueInspector inspector) {
    Verdict banned = bans == null ? null : BanCheck.address(exchange, bans);
    if (banned != null) {
      return banned;
    }
    RequestReading reading = exchange.reading();
    if (reading.refused()) {
      return reading.rejection() != null ? Verdict.badPath(reading.rejection()) : Verdict.refused(reading.refusal());
    }
    Policy policy = exchange.policy();
    Rule rule = policy.firstMatch(reading.facts());
    if (rule != null && rule.match().needsRouting() && !reading.facts().routed()) {
      // Decided once, where the framework has routed the request; a body the decision will need is
      // read now, while the servlet entry can still show the application a replaying request.
      BodyRead body = BodyRead.of(exchange.request(), policy.protect(), policy.limits());
      return body.tooLarge ? Verdict.overLimit(null, ProblemType.BODY_TOO_LARGE, 413, "limit.body-size")
          : Verdict.AWAITS_ROUTING;
    }
    if (rule == null) {
      Verdict byDefault = Verdict.byDefault(policy.defaultAction());
      return byDefault.allows() ? inspected(exchange, byDefault, inspector) : byDefault;
    }
    exchange.rule(rule);
    if (rule.action() == Action.DENY) {
      return Verdict.byRule(rule);
    }
    Verdict access = AccessCheck.check(exchange);
    if (access != null) {
      return access;
    }
    banned = bans == null ? null : BanCheck.principal(exchange, bans);
    if (banned != null) {
      return banned;
    }
    Verdict limited = RateLimitCheck.check(exchange, store);
    if (limited != null && !limited.allows()) {
      return limited;
    }
    return inspected(exchange, limited != null ? limited : Verdict.byRule(rule), inspector);
  }

  /** An allowing verdict after the inspection of the request's size and inputs. */
  private static Verdict inspected(Exchange exchange, Verdict allowed, ValueInspector inspector) {
    Verdict inspected = InputInspection.check(exchange, allowed, inspector);
    return inspected == null ? allowed : inspected;
  }

  private Decision apply(Exchange exchange, String requestId, Verdict verdict, long started) {
    Policy policy = exchange.policy();
    if (verdict.awaitsRouting()) {
      return Decision.defer(requestId);
    }
    if (verdict.allows()) {
      Principal principal = exchange.principal();
      if (principal != null) {
        exchange.request().publish(VerifiedPrincipal.ATTRIBUTE, principal.published());
      }
      if (verdict.threat != null) {
        // A detection the policy monitors: audited as monitor (instead of allow), the request proceeds.
        if (policy.audit().records(Outcome.MONITOR)) {
          audit.record(requestEvent("monitor", exchange, requestId, verdict, started)
              .with(AuditField.BULWARK_WOULD_STATUS, 403));
        }
      } else if (policy.audit().records(Outcome.ALLOW)) {
        audit.record(requestEvent("allow", exchange, requestId, verdict, started));
      }
      return verdict.headers.isEmpty() ? Decision.allow(requestId) : Decision.allow(requestId, verdict.headers);
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
        .with(AuditField.EVENT_MODE, policy.mode().keyword())
        .with(AuditField.HTTP_REQUEST_ID, requestId)
        .with(AuditField.HTTP_REQUEST_METHOD, request.method())
        .with(AuditField.BULWARK_MATCHED_METHOD, reading.overrideHeader() == null ? null : reading.facts().method())
        .with(AuditField.HTTP_REQUEST_HEADERS, AuditedHeaders.of(request, policy.audit().headers()))
        .with(AuditField.HTTP_ROUTE, request.routed() ? request.route() : null)
        .with(AuditField.URL_PATH, request.rawPath())
        .with(AuditField.URL_QUERY, request.rawQuery())
        .with(AuditField.CLIENT_IP, exchange.clientIp())
        .with(AuditField.USER_ID, principal == null ? null : principal.id())
        .with(AuditField.USER_ROLES, principal == null || principal.roles().isEmpty() ? null : principal.roles())
        .with(AuditField.BULWARK_AUTH_SCHEME, principal == null ? null : principal.scheme().auditName())
        .with(AuditField.BULWARK_OPERATION, request.routed() ? request.operation() : null)
        .with(AuditField.BULWARK_PEER_IP, peerIfProxied(exchange))
        .with(AuditField.THREAT_TECHNIQUE,
            verdict.threat == null ? null : verdict.threat.finding.category().technique())
        .with(AuditField.THREAT_LOCATION, verdict.threat == null ? null : verdict.threat.location)
        .with(AuditField.THREAT_EVIDENCE, verdict.threat == null ? null : verdict.threat.evidence)
        .with(AuditField.THREAT_REASON, verdict.threat == null ? null : verdict.threat.finding.reason())
        .with(AuditField.THREAT_LAYER, verdict.threat == null ? null : "request")
        .with(AuditField.BULWARK_RATELIMIT_KEY,
            rateLimited(exchange, verdict) ? exchange.rule().rateLimit().key().keyword() : null)
        .with(AuditField.BULWARK_RATELIMIT_LIMITS, rateLimited(exchange, verdict)
            ? exchange.rule().rateLimit().limits().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.toList()) : null)
        .with(AuditField.BULWARK_LATENCY_US, (System.nanoTime() - started) / 1000);
  }

  /** The socket's peer, when the client's address was taken from a trusted proxy's header. */
  private static String peerIfProxied(Exchange exchange) {
    String peer = exchange.request().remoteAddress();
    return exchange.policy().clients().trustedProxies().isEmpty() || exchange.clientIp().equals(peer) ? null : peer;
  }

  private static boolean rateLimited(Exchange exchange, Verdict verdict) {
    return verdict.reason != null && verdict.reason.startsWith("ratelimit.") && exchange.rule() != null
        && exchange.rule().rateLimit() != null;
  }

  /** A ban decided just now; written whatever {@code audit.events} says, like policy reloads. */
  private static AuditEvent banEvent(Exchange exchange, String requestId, Bans.Ban ban) {
    Principal principal = ban.client().startsWith("principal:") ? exchange.principal() : null;
    return AuditEvent.of("ban")
        .with(AuditField.EVENT_REASON, ban.cause().reason())
        .with(AuditField.EVENT_RULE, exchange.rule() == null ? null : exchange.rule().name())
        .with(AuditField.EVENT_MODE, exchange.policy().mode().keyword())
        .with(AuditField.HTTP_REQUEST_ID, requestId)
        .with(AuditField.CLIENT_IP, exchange.clientIp())
        .with(AuditField.USER_ID, principal == null ? null : principal.id())
        .with(AuditField.MESSAGE,
            (principal == null ? "client " + exchange.clientIp() : "principal '" + principal.id() + "'")
            + " banned until " + ban.until() + " after " + ban.trigger().after() + " " + ban.cause().description()
            + " within " + ban.trigger().within().getSeconds() + "s"
            + (exchange.policy().mode() == Mode.MONITOR ? " (monitor mode: requests are not refused)" : ""))
        .with(AuditField.BULWARK_BAN_UNTIL, ban.until());
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
            .with(AuditField.EVENT_MODE, current.mode().keyword())
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
