package io.bulwark.policy.authz;

import io.bulwark.policy.auth.AuthScheme;
import io.bulwark.policy.auth.CertificateNames;
import io.bulwark.policy.auth.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A rule's {@code require:}: which credentials prove identity (any one of them), and what the
 * principal must hold: one of the roles, all of the scopes, and (for mTLS) a certificate carrying
 * one of the listed names. Immutable.
 */
public final class Requirement {

  private final List<AuthScheme> schemes;
  private final Set<String> roles;
  private final Set<String> scopes;
  private final List<CertificateNames.Name> certificates;

  public Requirement(List<AuthScheme> schemes, Set<String> roles, Set<String> scopes,
      List<CertificateNames.Name> certificates) {
    this.schemes = List.copyOf(schemes);
    this.roles = Set.copyOf(roles);
    this.scopes = Set.copyOf(scopes);
    this.certificates = List.copyOf(certificates);
  }

  /** The accepted schemes, in the order they are tried. */
  public List<AuthScheme> schemes() {
    return schemes;
  }

  /** The principal needs at least one of these (none: any principal). */
  public Set<String> roles() {
    return roles;
  }

  /** The principal needs every one of these. */
  public Set<String> scopes() {
    return scopes;
  }

  /** With mTLS: the certificate must carry one of these names (none: any verified certificate). */
  public List<CertificateNames.Name> certificates() {
    return certificates;
  }

  public boolean rolesHeldBy(Principal principal) {
    return roles.isEmpty() || !Collections.disjoint(roles, principal.roles());
  }

  public boolean scopesHeldBy(Principal principal) {
    return principal.scopes().containsAll(scopes);
  }

  /** Whether the principal's certificate is one the rule accepts; true for other schemes. */
  public boolean certificateAccepted(Principal principal) {
    if (certificates.isEmpty() || principal.certificate() == null) {
      return true;
    }
    for (CertificateNames.Name name : certificates) {
      if (principal.certificate().has(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("auth ");
    for (int i = 0; i < schemes.size(); i++) {
      text.append(i == 0 ? "" : " or ").append(schemes.get(i).keyword());
    }
    if (!roles.isEmpty()) {
      text.append(", one of roles ").append(roles);
    }
    if (!scopes.isEmpty()) {
      text.append(", all of scopes ").append(scopes);
    }
    if (!certificates.isEmpty()) {
      text.append(", certificate ").append(certificates);
    }
    return text.toString();
  }
}
