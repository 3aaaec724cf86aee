package io.bulwark.policy.auth;

import java.util.Map;
import java.util.Set;

/**
 * Who sent a request, once a credential proved it: an id, the scheme that proved it, the roles and
 * scopes it grants, and the claims behind it (a token's claims, an introspection answer, a
 * certificate's names) for {@code when:} conditions. Immutable.
 */
public final class Principal {

  private final String id;
  private final AuthScheme scheme;
  private final Set<String> roles;
  private final Set<String> scopes;
  private final Map<String, Object> claims;
  private final CertificateNames certificate;

  public Principal(String id, AuthScheme scheme, Set<String> roles, Set<String> scopes, Map<String, Object> claims) {
    this(id, scheme, roles, scopes, claims, null);
  }

  Principal(String id, AuthScheme scheme, Set<String> roles, Set<String> scopes, Map<String, Object> claims,
      CertificateNames certificate) {
    this.certificate = certificate;
    this.id = id;
    this.scheme = scheme;
    this.roles = Set.copyOf(roles);
    this.scopes = Set.copyOf(scopes);
    this.claims = claims == null ? Map.of() : claims;
  }

  /** The principal's id: an API key's id, a token's subject, a certificate's subject. */
  public String id() {
    return id;
  }

  public AuthScheme scheme() {
    return scheme;
  }

  public Set<String> roles() {
    return roles;
  }

  public Set<String> scopes() {
    return scopes;
  }

  /** Claims as JSON-like values (String, Number, Boolean, List, Map); empty for API keys. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** The client certificate's names when mTLS proved the principal, else {@code null}. */
  public CertificateNames certificate() {
    return certificate;
  }

  @Override
  public String toString() {
    return scheme.keyword() + " principal '" + id + "' roles " + roles + " scopes " + scopes;
  }
}
