package io.bulwark.policy.auth;

import io.bulwark.bridge.VerifiedPrincipal;
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
  /** {@link #asMap}, made on first use; a cached token's principal serves many requests. */
  private volatile Map<String, Object> map;
  /** {@link #published}, made on first use, like {@link #map}. */
  private volatile VerifiedPrincipal published;

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

  /**
   * The principal as a JSON-like value, as {@code when:} conditions see it: {@code id}, {@code
   * scheme}, {@code roles} and {@code scopes} (lists), {@code claims}; numbers are Long or Double.
   */
  public Map<String, Object> asMap() {
    Map<String, Object> view = map;
    if (view == null) {
      Map<String, Object> built = new java.util.HashMap<>(8);
      built.put("id", id);
      built.put("scheme", scheme.keyword());
      built.put("roles", java.util.List.copyOf(roles));
      built.put("scopes", java.util.List.copyOf(scopes));
      built.put("claims", Claims.jsonValue(claims));
      view = java.util.Collections.unmodifiableMap(built);
      map = view;
    }
    return view;
  }

  /** The principal as the application sees it (request attribute {@code bulwark.principal}). */
  public VerifiedPrincipal published() {
    VerifiedPrincipal view = published;
    if (view == null) {
      view = new VerifiedPrincipal(id, scheme.auditName(), roles, scopes);
      published = view;
    }
    return view;
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
