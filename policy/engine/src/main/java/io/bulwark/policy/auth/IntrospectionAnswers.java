package io.bulwark.policy.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;

/** Reads an RFC 7662 answer into a principal, applying the policy's issuer and audience checks. */
final class IntrospectionAnswers {

  private IntrospectionAnswers() {}

  static IntrospectionAuthenticator.Answer read(Map<String, Object> json, IntrospectionSettings settings, long now) {
    if (!Boolean.TRUE.equals(json.get("active"))) {
      return IntrospectionAuthenticator.Answer.refused("token.inactive");
    }
    long expiresAt = seconds(json.get("exp")) * 1000;
    if (expiresAt > 0 && now > expiresAt) {
      return IntrospectionAuthenticator.Answer.refused("token.expired");
    }
    long notBefore = seconds(json.get("nbf")) * 1000;
    if (notBefore > 0 && now < notBefore) {
      return IntrospectionAuthenticator.Answer.refused("token.not-yet-valid");
    }
    if (settings.issuer != null && !settings.issuer.equals(json.get("iss"))) {
      return IntrospectionAuthenticator.Answer.refused("token.issuer");
    }
    if (!settings.audiences.isEmpty() && Collections.disjoint(audiences(json.get("aud")), settings.audiences)) {
      return IntrospectionAuthenticator.Answer.refused("token.audience");
    }
    String subject = Claims.text(json, settings.subjectClaims);
    if (subject == null) {
      return IntrospectionAuthenticator.Answer.refused("token.no-subject");
    }
    Principal principal = new Principal(subject, AuthScheme.INTROSPECTION,
        settings.rolesClaim == null ? Collections.emptySet() : Claims.names(json, settings.rolesClaim),
        Claims.scopes(json, settings.scopesClaim), Collections.unmodifiableMap(json));
    return new IntrospectionAuthenticator.Answer(principal, expiresAt, null);
  }

  private static Collection<String> audiences(Object aud) {
    if (aud instanceof String) {
      return Collections.singleton((String) aud);
    }
    return Claims.names(aud);
  }

  private static long seconds(Object value) {
    return value instanceof Number ? ((Number) value).longValue() : 0;
  }
}
