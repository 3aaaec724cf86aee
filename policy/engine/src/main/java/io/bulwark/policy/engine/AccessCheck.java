package io.bulwark.policy.engine;

import io.bulwark.bridge.AgentLog;
import io.bulwark.policy.auth.AuthFailure;
import io.bulwark.policy.auth.AuthOutcome;
import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.Authenticator;
import io.bulwark.policy.auth.BearerToken;
import io.bulwark.policy.auth.Identities;
import io.bulwark.policy.auth.Principal;
import io.bulwark.policy.authz.Condition;
import io.bulwark.policy.authz.Requirement;
import io.bulwark.policy.model.Rule;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The matched rule's access requirements: authenticate with one of the accepted schemes (401 when
 * none succeeds), then authorize: certificate names, roles, scopes (403), then the {@code when:}
 * condition (403). Records the principal on the exchange for the steps after it and the audit.
 */
final class AccessCheck {

  private AccessCheck() {}

  /** {@code null} when the request may proceed, else the refusal. */
  static Verdict check(Exchange exchange) {
    Rule rule = exchange.rule();
    Requirement requirement = rule.requirement();
    if (requirement != null) {
      Verdict refused = authenticate(exchange, rule, requirement);
      if (refused != null) {
        return refused;
      }
      Principal principal = exchange.principal();
      if (!requirement.certificateAccepted(principal)) {
        return Verdict.forbidden(rule.name(), "mtls.not-allowed", Map.of());
      }
      if (!requirement.rolesHeldBy(principal)) {
        return Verdict.forbidden(rule.name(), "authz.role", Map.of());
      }
      if (!requirement.scopesHeldBy(principal)) {
        return Verdict.forbidden(rule.name(), "authz.scope", insufficientScope(principal, requirement));
      }
    }
    Condition condition = rule.condition();
    if (condition != null && !condition.holds(new ExchangeFacts(exchange))) {
      return Verdict.forbidden(rule.name(), "authz.condition", Map.of());
    }
    return null;
  }

  /**
   * Tries the accepted schemes in order; the first that proves a principal wins. When none does,
   * the answer reports a service outage first (503: the client should retry, not re-login), else
   * the last credential refused: with {@code [jwt, introspection]} an opaque token is refused by
   * introspection, not reported as a malformed JWT.
   */
  private static Verdict authenticate(Exchange exchange, Rule rule, Requirement requirement) {
    Identities identities = exchange.policy().identities();
    AuthFailure reported = null;
    for (AuthScheme scheme : requirement.schemes()) {
      AuthOutcome outcome = authenticate(identities.get(scheme), scheme, exchange);
      if (outcome.principal() != null) {
        exchange.principal(outcome.principal());
        return null;
      }
      AuthFailure failure = outcome.failure();
      if (failure != null && (reported == null || reported.status() != 503)) {
        reported = failure;
      }
    }
    String challenge = challenge(requirement, identities, reported);
    if (challenge == null && (reported == null || reported.status() == 401)) {
      // Only client certificates are accepted: there is no HTTP challenge to answer (a 401 must carry
      // one), the certificate is asked for by the TLS handshake. The client is refused: 403.
      return Verdict.forbidden(rule.name(), reported == null ? "mtls.missing" : reported.reason(), Map.of());
    }
    return Verdict.unauthenticated(rule.name(), reported, challenge);
  }

  /**
   * One scheme's answer. An exception while reading or checking the credential refuses it (401,
   * {@code <scheme>.error}) instead of reaching the engine's fail-open: a client must never pass
   * authentication by sending what breaks a verifier (the fuzzers found one such input in the
   * bearer parser before it shipped). Logged once per cause; the deny event carries the reason.
   */
  private static AuthOutcome authenticate(Authenticator authenticator, AuthScheme scheme, Exchange exchange) {
    try {
      return authenticator.authenticate(exchange.request());
    } catch (RuntimeException | StackOverflowError e) {
      AgentLog.errorOnce("authentication (" + scheme.keyword() + ")", e, "the credential is refused");
      String reason = scheme.keyword().toLowerCase(Locale.ROOT) + ".error";
      return AuthOutcome.failure(scheme == AuthScheme.JWT || scheme == AuthScheme.INTROSPECTION
          ? AuthFailure.invalidToken(reason, "The access token could not be verified.")
          : AuthFailure.invalid(reason, "The credential could not be verified."));
    }
  }

  /** One challenge per accepted scheme (RFC 9110 section 11.6.1), the failed bearer one with its error. */
  private static String challenge(Requirement requirement, Identities identities, AuthFailure failure) {
    Set<String> challenges = new LinkedHashSet<>();
    for (AuthScheme scheme : requirement.schemes()) {
      Authenticator authenticator = identities.get(scheme);
      boolean bearer = scheme == AuthScheme.JWT || scheme == AuthScheme.INTROSPECTION;
      String challenge = bearer && failure != null && failure.bearerError().code() != null
          ? BearerToken.challenge(Identities.REALM, failure) : authenticator.challenge();
      if (challenge != null) {
        challenges.add(challenge);
      }
    }
    if (challenges.isEmpty()) {
      return null;
    }
    // Two bearer schemes give the same plain challenge; keep the one carrying the error.
    if (challenges.size() > 1 && failure != null && failure.bearerError().code() != null) {
      challenges.remove("Bearer realm=\"" + Identities.REALM + "\"");
    }
    return String.join(", ", challenges);
  }

  /** RFC 6750 section 3.1: 403 with the scope the token lacks. */
  private static Map<String, String> insufficientScope(Principal principal, Requirement requirement) {
    if (principal.scheme() != AuthScheme.JWT && principal.scheme() != AuthScheme.INTROSPECTION) {
      return Map.of();
    }
    return Map.of("WWW-Authenticate", "Bearer realm=\"" + Identities.REALM
        + "\", error=\"insufficient_scope\", scope=\"" + String.join(" ", requirement.scopes()) + "\"");
  }
}
