package io.bulwark.bridge;

import java.security.Principal;
import java.util.Set;

/**
 * The principal a credential proved, as the application sees it: the request attribute {@value
 * #ATTRIBUTE}. It is a {@link java.security.Principal}, so application code can read it without
 * depending on Bulwark ({@code ((Principal) request.getAttribute("bulwark.principal")).getName()}).
 * Immutable; carries no credential.
 */
public final class VerifiedPrincipal implements Principal {

  /** The request attribute under which the principal is published. */
  public static final String ATTRIBUTE = "bulwark.principal";

  private final String name;
  private final String scheme;
  private final Set<String> roles;
  private final Set<String> scopes;

  public VerifiedPrincipal(String name, String scheme, Set<String> roles, Set<String> scopes) {
    this.name = name;
    this.scheme = scheme;
    this.roles = Set.copyOf(roles);
    this.scopes = Set.copyOf(scopes);
  }

  /** The principal's id: an API key's id, a token's subject, a certificate's name. */
  @Override
  public String getName() {
    return name;
  }

  /** How it was proved: {@code api-key}, {@code jwt}, {@code introspection} or {@code mtls}. */
  public String scheme() {
    return scheme;
  }

  public Set<String> roles() {
    return roles;
  }

  public Set<String> scopes() {
    return scopes;
  }

  @Override
  public String toString() {
    return name + " (" + scheme + ", roles " + roles + ")";
  }
}
